namespace Genie.Core.Events;

/// <summary>
/// A cron tick fired: when it was due and when it fired, and the run it made (<see cref="Outcome"/> `created`,
/// `existing` for a re-fired tick, `skipped` when the concurrency policy recorded the run as skipped) or why it
/// made none (`none`, with <see cref="Reason"/>).
/// </summary>
public sealed record ScheduleTicked(
    string Namespace,
    string Job,
    DateTimeOffset ScheduledFireTime,
    DateTimeOffset ActualFireTime,
    string Outcome,
    Guid? RunId,
    string? Reason,
    string Actor) : IJobEvent
{
    public static string Type => "schedule.tick";

    public static int SchemaVersion => 1;
}
