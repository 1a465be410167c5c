using Refit;

namespace Genie.Client;

/// <summary>
/// The filters of a stats figure; null fields are left out (the server's defaults: every visible namespace, the last
/// 24 hours, a bucket that gives at most 100 of them, 10 rows). <see cref="Bucket"/> is a Go style duration of whole minutes (`15m`, `1h`).
/// </summary>
public sealed record StatsQuery(
    string? Namespace = null,
    string? Job = null,
    [property: Query(Format = "O")] DateTimeOffset? From = null,
    [property: Query(Format = "O")] DateTimeOffset? To = null,
    string? Bucket = null,
    int? Limit = null);
