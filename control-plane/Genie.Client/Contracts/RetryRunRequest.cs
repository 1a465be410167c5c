namespace Genie.Client.Contracts;

/// <summary>Which tasks a retry runs again: `failed` (failed, upstream-failed and cancelled ones) or `all`.</summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record RetryRunRequest(string Mode = "failed");
