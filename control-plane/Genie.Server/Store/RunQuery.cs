namespace Genie.Server.Store;

/// <summary>Filters and keyset position of a run listing; null fields do not filter.</summary>
public sealed record RunQuery(
    string Namespace,
    string? Job,
    string? State,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    DateTimeOffset? BeforeCreatedAt,
    Guid? BeforeId,
    int Limit);
