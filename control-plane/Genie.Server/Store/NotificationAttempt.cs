namespace Genie.Server.Store;

/// <summary>A row of `notification_attempts`: one POST of a delivery, with the receiver's status code or why there was none.</summary>
public sealed record NotificationAttempt(
    Guid DeliveryId, int Attempt, DateTimeOffset StartedAt, int DurationMs, int? StatusCode, string? Error);
