namespace Genie.Core.Specs;

/// <summary>The key of a namespace secret whose value signs a webhook's deliveries (HMAC-SHA256).</summary>
public sealed record NotifySecret(string Name, string Key);
