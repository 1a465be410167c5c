namespace Genie.Server.Store;

/// <summary>A row of `notification_deliveries`: one webhook call owed for one run state change, and how it went.</summary>
public sealed record NotificationDelivery(
    Guid Id,
    Guid RunId,
    string Namespace,
    string Webhook,
    string? SecretName,
    string? SecretKey,
    string RunState,
    string Body,
    string Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt)
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    public const string Columns = """
        id, run_id as runid, namespace, webhook, secret_name as secretname, secret_key as secretkey, run_state as runstate,
        body, status, attempts, next_attempt_at as nextattemptat, created_at as createdat, finished_at as finishedat
        """;
}
