namespace Genie.Client.Contracts;

/// <summary>
/// Runs over [<see cref="From"/>, <see cref="To"/>) in buckets of <see cref="Bucket"/>: how many started, succeeded and
/// failed, their totals, and <see cref="SuccessRate"/> = succeeded / (succeeded + failed), null when none ended.
/// </summary>
public sealed record RunStatsResource(
    string Source,
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan Bucket,
    IReadOnlyList<RunStatsBucket> Buckets,
    long Started,
    long Succeeded,
    long Failed,
    double? SuccessRate);
