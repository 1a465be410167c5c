namespace Genie.Client.Contracts;

/// <summary>
/// One webhook call a run state change owed: which state, where, where it stands (`pending`, `delivered`, `failed`)
/// and every attempt so far.
/// </summary>
public sealed record NotificationResource(
    string Id,
    string RunState,
    string Webhook,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<NotificationAttemptResource> Attempts);
