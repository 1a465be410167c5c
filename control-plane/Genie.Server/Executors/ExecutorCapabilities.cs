namespace Genie.Server.Executors;

/// <summary>What a backend can do to a run once it is running; the run layer asks these, never which backend it is.</summary>
[Flags]
public enum ExecutorCapabilities
{
    None = 0,

    /// <summary>Stop starting new tasks and carry on later.</summary>
    Suspend = 1,

    /// <summary>Run every task of a finished run again, not only the failed ones.</summary>
    RetryAll = 2,

    /// <summary>Logs can be read by byte offset and followed while the attempt runs (otherwise only read whole).</summary>
    StreamLogs = 4,
}
