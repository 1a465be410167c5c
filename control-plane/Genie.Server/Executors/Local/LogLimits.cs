namespace Genie.Server.Executors.Local;

/// <summary>Size limits of one attempt log.</summary>
/// <param name="MaxLogBytes">Once a line would take the log past this size, one marker line is written and the rest of the output is dropped.</param>
/// <param name="MaxLineBytes">Longer output lines are split into several log lines (at a UTF-8 character boundary).</param>
public sealed record LogLimits(long MaxLogBytes, int MaxLineBytes)
{
    /// <summary>64 MiB per attempt, 64 KiB per line.</summary>
    public static LogLimits Default { get; } = new(64L * 1024 * 1024, 64 * 1024);
}
