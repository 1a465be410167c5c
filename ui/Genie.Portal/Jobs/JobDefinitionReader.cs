using System.Text.Json;

namespace Genie.Portal.Jobs;

/// <summary>Reads the parts of a job's canonical definition (the JSON the API returns) that pages show.</summary>
public static class JobDefinitionReader
{
    /// <summary>The `spec` object, or an undefined element when the definition has none.</summary>
    public static JsonElement Spec(JsonElement definition) =>
        definition.ValueKind == JsonValueKind.Object && definition.TryGetProperty("spec", out var spec) ? spec : default;

    public static bool HasSchedule(JsonElement definition) =>
        Spec(definition) is { ValueKind: JsonValueKind.Object } spec && spec.TryGetProperty("schedule", out _);

    public static string? Description(JsonElement definition) =>
        Spec(definition) is { ValueKind: JsonValueKind.Object } spec && spec.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String
            ? d.GetString()
            : null;
}
