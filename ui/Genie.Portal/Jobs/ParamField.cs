using System.Globalization;
using System.Text.Json;

namespace Genie.Portal.Jobs;

/// <summary>
/// One declared param of a job as the trigger form needs it: its type (`string`, `integer`, `number`,
/// `boolean`), whether it is required, its default and its allowed values, as text the form can edit.
/// </summary>
public sealed record ParamField(string Name, string Type, bool Required, string? Default, IReadOnlyList<string> Enum, string? Description)
{
    /// <summary>The params declared in a job's canonical definition, by name.</summary>
    public static IReadOnlyList<ParamField> FromDefinition(JsonElement definition)
    {
        var spec = JobDefinitionReader.Spec(definition);
        if (spec.ValueKind != JsonValueKind.Object || !spec.TryGetProperty("params", out var declared) || declared.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return declared.EnumerateObject()
            .Select(p => new ParamField(
                p.Name,
                Text(p.Value, "type") ?? "string",
                p.Value.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True,
                p.Value.TryGetProperty("default", out var d) ? ValueText(d) : null,
                p.Value.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array ? [.. e.EnumerateArray().Select(ValueText)] : [],
                Text(p.Value, "description")))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The JSON value of what was typed, or an error message. Empty text means "not given": null, so the server
    /// applies the default (or reports the missing required param).
    /// </summary>
    public (JsonElement? Value, string? Error) Convert(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Required && Default is null ? (null, "required") : (null, null);
        }

        if (Enum.Count > 0 && !Enum.Contains(text, StringComparer.Ordinal))
        {
            return (null, "must be one of " + string.Join(", ", Enum));
        }

        var invariant = CultureInfo.InvariantCulture;
        return Type switch
        {
            "integer" => long.TryParse(text, NumberStyles.Integer, invariant, out var i) ? (JsonSerializer.SerializeToElement(i), null) : (null, "must be a whole number"),
            "number" => double.TryParse(text, NumberStyles.Float, invariant, out var n) ? (JsonSerializer.SerializeToElement(n), null) : (null, "must be a number"),
            "boolean" => bool.TryParse(text, out var b) ? (JsonSerializer.SerializeToElement(b), null) : (null, "must be true or false"),
            _ => (JsonSerializer.SerializeToElement(text), null),
        };
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string ValueText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}
