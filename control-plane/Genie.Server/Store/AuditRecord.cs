namespace Genie.Server.Store;

/// <summary>A row of `audit_log`: who did what to which target, from where, when, and how it ended. Id 0 until stored.</summary>
public sealed record AuditRecord(
    long Id,
    DateTimeOffset OccurredAt,
    string Actor,
    string Action,
    string? Namespace,
    string? Target,
    string? SourceAddress,
    int StatusCode,
    string Outcome,
    string? RequestId)
{
    public const string Columns = """
        id, occurred_at as occurredat, actor, action, namespace, target, source_address as sourceaddress,
        status_code as statuscode, outcome, request_id as requestid
        """;
}
