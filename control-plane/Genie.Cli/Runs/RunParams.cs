using System.Globalization;
using System.Text.Json;

namespace Genie.Cli.Runs;

/// <summary>
/// Turns `--param k=v` into the trigger's JSON params, typed by the job's declarations (an integer param's `3` is sent
/// as a number); an undeclared or unparsable value goes as a string, so the server names the error with its path.
/// </summary>
public static class RunParams
{
    public static Dictionary<string, JsonElement> From(IEnumerable<string> pairs, JsonElement definition)
    {
        var declared = Declared(definition);
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new UsageException($"--param `{pair}` is not NAME=VALUE.");
            }

            var name = pair[..separator];
            var text = pair[(separator + 1)..];
            values[name] = Typed(declared.GetValueOrDefault(name), text);
        }

        return values;
    }

    private static JsonElement Typed(string? type, string text) => type switch
    {
        "integer" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonSerializer.SerializeToElement(whole),
        "number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonSerializer.SerializeToElement(number),
        "boolean" when text is "true" or "false" => JsonSerializer.SerializeToElement(text == "true"),
        _ => JsonSerializer.SerializeToElement(text),
    };

    private static Dictionary<string, string?> Declared(JsonElement definition)
    {
        var holder = definition.ValueKind == JsonValueKind.Object && definition.TryGetProperty("spec", out var spec) ? spec : definition;
        if (holder.ValueKind != JsonValueKind.Object || !holder.TryGetProperty("params", out var declared) || declared.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return declared.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("type", out var type) ? type.GetString() : null,
            StringComparer.Ordinal);
    }
}
