namespace Genie.Client.Contracts;

/// <summary>New values for an existing secret; they replace every old key and value.</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record RotateSecretRequest(IReadOnlyDictionary<string, string?>? Data = null);
