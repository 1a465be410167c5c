namespace Genie.Server.Store;

/// <summary>Runs that started, succeeded and failed in the bucket beginning at <see cref="Start"/>; buckets without any are absent.</summary>
public sealed record RunCounts(DateTimeOffset Start, long Started, long Succeeded, long Failed);
