namespace Genie.Server.Store;

/// <summary>
/// What a stats figure covers: [<see cref="From"/>, <see cref="To"/>), optionally one namespace and job (null: any),
/// within <see cref="Visible"/> (the namespaces the caller may see; null: all). <see cref="Bucket"/> splits time for the
/// run series; <see cref="Limit"/> caps the rows of a list.
/// </summary>
public sealed record StatsFilter(
    string? Namespace, string? Job, DateTimeOffset From, DateTimeOffset To, string[]? Visible, TimeSpan Bucket, int Limit)
{
    // Dapper sends a TimeSpan as `time`, which cannot hold a day; the SQL builds its interval from seconds.
    public long BucketSeconds => (long)Bucket.TotalSeconds;
}
