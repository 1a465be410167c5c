namespace Genie.Server.Executors.Local;

/// <summary>The source of a line in an attempt log: the program's two output streams, or Genie itself.</summary>
internal enum LogStream
{
    Stdout,
    Stderr,

    /// <summary>Genie's own notes, such as the timeout or the log limit being reached.</summary>
    Genie,
}
