namespace Genie.Client.Contracts;

/// <summary>A new secret: its name (a DNS-1123 subdomain) and its values by key, as Kubernetes Secrets hold them.</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateSecretRequest(string? Name = null, IReadOnlyDictionary<string, string?>? Data = null);
