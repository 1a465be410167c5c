namespace Genie.Server.Scheduling;

/// <summary>
/// The payload of a `schedule.tick` event: when the tick was due and when it fired, and the run it made
/// (<see cref="Outcome"/> `created`, `existing` for a re-fired tick, `skipped` when the concurrency policy
/// recorded the run as skipped) or why it made none (`none`, with <see cref="Reason"/>).
/// </summary>
public sealed record ScheduleTickEvent(
    string Namespace,
    string Job,
    DateTimeOffset ScheduledFireTime,
    DateTimeOffset ActualFireTime,
    string Outcome,
    Guid? RunId,
    string? Reason);
