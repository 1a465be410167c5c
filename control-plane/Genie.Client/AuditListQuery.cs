using Refit;

namespace Genie.Client;

/// <summary>Filters and paging of the audit log listing; null fields are left out of the query string. `To` is exclusive.</summary>
public sealed record AuditListQuery(
    string? Actor = null,
    string? Namespace = null,
    string? Action = null,
    [property: Query(Format = "O")] DateTimeOffset? From = null,
    [property: Query(Format = "O")] DateTimeOffset? To = null,
    int? Limit = null,
    string? Cursor = null);
