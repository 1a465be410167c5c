namespace Genie.Server.Store;

/// <summary>Filters and keyset position of an audit listing; null fields do not filter. `From` is inclusive, `To` exclusive.</summary>
public sealed record AuditQuery(
    string? Actor,
    string? Namespace,
    string? Action,
    DateTimeOffset? From,
    DateTimeOffset? To,
    DateTimeOffset? BeforeOccurredAt,
    long? BeforeId,
    int Limit);
