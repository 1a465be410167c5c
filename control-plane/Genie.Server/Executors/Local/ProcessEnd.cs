namespace Genie.Server.Executors.Local;

/// <summary>How a task process ended.</summary>
public enum ProcessEnd
{
    /// <summary>The program ended by itself (a program that could not be found ends with exit code 127).</summary>
    Exited,

    /// <summary>The attempt's timeout elapsed and its process group was terminated.</summary>
    TimedOut,

    /// <summary><see cref="TaskProcess.Cancel"/> terminated the process group.</summary>
    Cancelled,

    /// <summary>Nothing was started: a directory could not be created or the wrapper could not be executed.</summary>
    LaunchFailed,
}
