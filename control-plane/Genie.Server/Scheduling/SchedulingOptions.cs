namespace Genie.Server.Scheduling;

/// <summary>Settings of the Quartz scheduler that fires cron schedules and housekeeping (section `Genie:Scheduling`).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Genie:Scheduling";

    /// <summary>Whether this replica runs a scheduler at all; a replica without one still serves the schedule API.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The bound on <c>catchUp: true</c>: a missed tick older than this when it is finally fired is recorded
    /// as skipped instead of starting a run, so a long outage does not end in a flood of stale runs.
    /// </summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often each replica checks in with the cluster; a replica silent for longer is presumed dead and its work taken over.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>How late a tick may fire before Quartz treats it as missed and applies the misfire policy from <c>catchUp</c>.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The Quartz scheduler name: every replica on one database must share it to form a cluster. Quartz keeps
    /// schedulers in a process-wide registry by name, so two Genie hosts in one process (tests) need different names.
    /// </summary>
    public string SchedulerName { get; set; } = "genie";

    /// <summary>Quartz worker threads per replica: ticks and housekeeping are short, so a few suffice.</summary>
    public int ThreadCount { get; set; } = 4;
}
