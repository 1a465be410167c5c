namespace Genie.Server.Scheduling;

/// <summary>Settings of the Hangfire server that fires cron schedules and housekeeping (section `Genie:Scheduling`).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Genie:Scheduling";

    /// <summary>Whether this replica runs a Hangfire server at all; a replica without one still serves the schedule API.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The bound on <c>catchUp: true</c>: a missed tick older than this when it is finally fired is recorded
    /// as skipped instead of starting a run, so a long outage does not end in a flood of stale runs.
    /// </summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How often each replica looks for due recurring and delayed jobs (Hangfire's SchedulePollingInterval): how late
    /// a tick may fire. Every replica polls; a distributed lock lets one of them enqueue each tick.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often an idle worker looks for jobs another replica enqueued (Hangfire.PostgreSql's QueuePollInterval);
    /// jobs enqueued by this replica wake its workers at once.
    /// </summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a job a replica took stays invisible to the others. The owner keeps extending it while the job runs,
    /// so this is only how long a job of a replica that died waits before another replica runs it again.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hangfire workers per replica: ticks and housekeeping passes are short, so a few suffice.</summary>
    public int WorkerCount { get; set; } = 2;
}
