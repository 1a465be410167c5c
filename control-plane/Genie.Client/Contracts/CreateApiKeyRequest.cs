namespace Genie.Client.Contracts;

/// <summary>
/// A new API key: a name people recognise, its grants (`viewer:team-a`, `operator:*`, `cluster-admin`) and
/// optionally when it stops working.
/// </summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateApiKeyRequest(string? Name = null, IReadOnlyList<string?>? Grants = null, DateTimeOffset? ExpiresAt = null);
