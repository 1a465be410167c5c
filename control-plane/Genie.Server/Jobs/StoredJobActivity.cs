namespace Genie.Server.Jobs;

/// <summary>
/// What a listing reads beside each job, in the same query: whether its schedule is paused, the schedule of its
/// current version (null fields: none), its latest run, and of its latest runs that succeeded or failed, how many did which.
/// </summary>
public sealed record StoredJobActivity(
    bool Paused,
    string? Cron,
    string? Timezone,
    Guid? LastRunId,
    string? LastRunState,
    DateTimeOffset? LastRunCreatedAt,
    DateTimeOffset? LastRunFinishedAt,
    int RecentFinished,
    int RecentSucceeded);
