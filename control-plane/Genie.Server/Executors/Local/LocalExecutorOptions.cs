namespace Genie.Server.Executors.Local;

/// <summary>Settings of the local executor (section `Genie:Local`).</summary>
public sealed class LocalExecutorOptions
{
    public const string Section = "Genie:Local";

    /// <summary>How many task attempts run at once; the rest wait, highest priority first.</summary>
    public int Slots { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Time between SIGTERM and SIGKILL when a task times out or is cancelled.</summary>
    public TimeSpan KillGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest the executor sleeps without being woken; a safety net for anything not signalled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>This replica's name on the attempts it runs; empty means the host name and a hash of the data dir.</summary>
    public string? ReplicaId { get; set; }

    /// <summary>How often this replica records that it is alive.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A replica silent this long is taken for dead: the others settle its running attempts.</summary>
    public TimeSpan ReplicaTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Test-only fault point: the server kills itself (SIGKILL) right after starting a task's process, before it
    /// records the process in the database, to prove that recovery still finds it. Never set it in production.
    /// </summary>
    public bool CrashAfterProcessStart { get; set; }
}
