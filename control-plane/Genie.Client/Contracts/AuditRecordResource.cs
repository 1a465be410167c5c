namespace Genie.Client.Contracts;

/// <summary>
/// One audited call: who (<see cref="Actor"/>: `key:...`, `jwt:...` or `anonymous`) did what (<see cref="Action"/>,
/// such as `runs.trigger`) to which <see cref="Target"/> in which namespace, from where, when, and how it ended
/// (<see cref="StatusCode"/> and <see cref="Outcome"/>: succeeded, rejected, denied or failed).
/// </summary>
public sealed record AuditRecordResource(
    long Id,
    DateTimeOffset OccurredAt,
    string Actor,
    string Action,
    string? Namespace,
    string? Target,
    string? SourceAddress,
    int StatusCode,
    string Outcome,
    string? RequestId);
