using System.Text.Json;

namespace Genie.Client.Contracts;

/// <summary>
/// The body of a trigger: param values (checked against the job's declared params), and optionally
/// a time to start at (`at`) or a delay from now (`delay`, Go-style duration such as `90s`).
/// </summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record TriggerRunRequest(
    IReadOnlyDictionary<string, JsonElement>? Params = null,
    DateTimeOffset? At = null,
    string? Delay = null);
