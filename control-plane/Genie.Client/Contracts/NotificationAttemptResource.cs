namespace Genie.Client.Contracts;

/// <summary>One POST of a notification: when, how long, the receiver's status code, or why there was none.</summary>
public sealed record NotificationAttemptResource(int Attempt, DateTimeOffset StartedAt, int DurationMs, int? StatusCode, string? Error);
