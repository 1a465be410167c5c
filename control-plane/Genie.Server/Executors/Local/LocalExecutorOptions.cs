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
}
