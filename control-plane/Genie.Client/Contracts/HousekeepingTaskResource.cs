namespace Genie.Client.Contracts;

/// <summary>
/// One housekeeping job: how often it runs, when it ran last (on any replica) and how that went, and
/// when it runs next.
/// </summary>
public sealed record HousekeepingTaskResource(
    string Name,
    string Description,
    TimeSpan Interval,
    DateTimeOffset? LastStartedAt,
    DateTimeOffset? LastFinishedAt,
    bool? LastSucceeded,
    string? LastDetail,
    DateTimeOffset? NextRunAt);
