namespace Genie.Client.Contracts;

/// <summary>
/// A job's schedule as the scheduler holds it: the spec's cron, zone and catch-up policy, whether it is
/// paused, the tick it fired last, and when it fires next (empty while paused).
/// </summary>
public sealed record ScheduleResource(
    string Namespace,
    string Job,
    string Cron,
    string Timezone,
    bool CatchUp,
    bool Paused,
    DateTimeOffset? PreviousFireTime,
    IReadOnlyList<DateTimeOffset> NextFireTimes);
