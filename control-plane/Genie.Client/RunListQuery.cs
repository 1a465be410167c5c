using Refit;

namespace Genie.Client;

/// <summary>Filters and paging of a run listing; null fields are left out of the query string.</summary>
public sealed record RunListQuery(
    string? Job = null,
    string? State = null,
    [property: Query(Format = "O")] DateTimeOffset? Since = null,
    [property: Query(Format = "O")] DateTimeOffset? Until = null,
    int? Limit = null,
    string? Cursor = null);
