namespace Genie.Server.Notifications;

/// <summary>The JSON body a webhook receives: the delivery, and the run as it is after the change that caused it.</summary>
public sealed record NotificationPayload(
    string DeliveryId,
    string RunId,
    string Namespace,
    string Job,
    int Version,
    string State,
    string? Reason,
    string Actor,
    DateTimeOffset OccurredAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
