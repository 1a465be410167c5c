namespace Genie.Server.Tests.Notifications;

/// <summary>One POST a <see cref="WebhookReceiver"/> got.</summary>
public sealed record ReceivedWebhook(string Path, string Signature, string Delivery, string? ContentType, string Body);
