namespace Genie.Server.Store;

/// <summary>
/// Filters and keyset position of an audit listing; null fields do not filter. `From` is inclusive, `To` exclusive.
/// <see cref="Visible"/> holds the namespaces the reader may see (`*`: every namespace, not the cluster-wide rows); null: all rows.
/// </summary>
public sealed record AuditQuery(
    string? Actor,
    string? Namespace,
    string? Action,
    DateTimeOffset? From,
    DateTimeOffset? To,
    DateTimeOffset? BeforeOccurredAt,
    long? BeforeId,
    int Limit,
    string[]? Visible = null);
