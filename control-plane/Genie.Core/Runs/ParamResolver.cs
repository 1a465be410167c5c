using System.Text;
using System.Text.Json;
using Genie.Core.Specs;

namespace Genie.Core.Runs;

/// <summary>
/// Checks the params of a trigger against the job's declarations (unknown names, required, type, enum)
/// and fills defaults. Errors carry the path `params.NAME`.
/// </summary>
public static class ParamResolver
{
    /// <summary>Largest value of one param, in UTF-8 bytes: values reach environment variables and argv.</summary>
    public const int MaxValueBytes = 65_536;

    /// <summary>Params as JSON values (the REST API): strings for string params, numbers and booleans as such.</summary>
    public static (IReadOnlyDictionary<string, ParamValue>? Values, IReadOnlyList<SpecError> Errors) FromJson(
        IReadOnlyDictionary<string, ParamSpec> declared, IReadOnlyDictionary<string, JsonElement>? given) =>
        Resolve(declared, given, (spec, element) => FromJsonValue(spec.Type, element));

    /// <summary>Params as text (child jobs, command lines), typed by the declarations.</summary>
    public static (IReadOnlyDictionary<string, ParamValue>? Values, IReadOnlyList<SpecError> Errors) FromText(
        IReadOnlyDictionary<string, ParamSpec> declared, IReadOnlyDictionary<string, string>? given) =>
        Resolve(declared, given, (spec, text) => ParamValue.TryParse(spec.Type, text, out var value)
            ? (value, null)
            : (null, $"`{QuotedText.Of(text)}` is not {WithArticle(spec.Type)}"));

    /// <summary>The JSON form of resolved params, as stored with a run and shown by the API.</summary>
    public static Dictionary<string, object> ToJsonObject(IReadOnlyDictionary<string, ParamValue> values) =>
        values.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value switch
        {
            ParamValue.Integer i => (object)i.Value,
            ParamValue.Number n => n.Value,
            ParamValue.Boolean b => b.Value,
            _ => p.Value.ToText(),
        });

    private static (IReadOnlyDictionary<string, ParamValue>?, IReadOnlyList<SpecError>) Resolve<T>(
        IReadOnlyDictionary<string, ParamSpec> declared,
        IReadOnlyDictionary<string, T>? given,
        Func<ParamSpec, T, (ParamValue? Value, string? Error)> convert)
    {
        var errors = new List<SpecError>();
        var values = new Dictionary<string, ParamValue>(StringComparer.Ordinal);
        foreach (var name in (given?.Keys ?? []).Where(n => !declared.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            var known = declared.Count == 0 ? "the job declares no params" : "declared: " + string.Join(", ", declared.Keys.Order(StringComparer.Ordinal));
            errors.Add(new SpecError($"params.{QuotedText.Of(name)}", $"unknown param ({known})"));
        }

        foreach (var (name, spec) in declared.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var path = $"params.{name}";
            if (given is not null && given.TryGetValue(name, out var raw) && !IsNull(raw))
            {
                var (value, error) = convert(spec, raw);
                if (value is null)
                {
                    errors.Add(new SpecError(path, error!));
                }
                else if (Encoding.UTF8.GetByteCount(value.ToText()) > MaxValueBytes)
                {
                    errors.Add(new SpecError(path, $"is longer than {MaxValueBytes} bytes"));
                }
                else if (spec.Enum.Count > 0 && !spec.Enum.Contains(value))
                {
                    errors.Add(new SpecError(path, $"`{QuotedText.Of(value.ToText())}` is not one of: {string.Join(", ", spec.Enum.Select(e => e.ToText()))}"));
                }
                else
                {
                    values[name] = value;
                }
            }
            else if (spec.Default is not null)
            {
                values[name] = spec.Default;
            }
            else if (spec.Required)
            {
                errors.Add(new SpecError(path, $"is required ({TypeName(spec.Type)})"));
            }
        }

        // Unknown names and declared ones are found in two passes; one path order reads as a single list.
        errors.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return errors.Count > 0 ? (null, errors) : (values, errors);
    }

    private static bool IsNull<T>(T raw) => raw is null || (raw is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined });

    private static (ParamValue?, string?) FromJsonValue(ParamType type, JsonElement element) => (type, element.ValueKind) switch
    {
        (ParamType.String, JsonValueKind.String) => (new ParamValue.Text(element.GetString()!), null),
        (ParamType.Integer, JsonValueKind.Number) when element.TryGetInt64(out var i) => (new ParamValue.Integer(i), null),
        (ParamType.Number, JsonValueKind.Number) when element.TryGetDouble(out var d) && double.IsFinite(d) => (new ParamValue.Number(d), null),
        (ParamType.Boolean, JsonValueKind.True) => (new ParamValue.Boolean(true), null),
        (ParamType.Boolean, JsonValueKind.False) => (new ParamValue.Boolean(false), null),
        _ => (null, $"must be {WithArticle(type)} (JSON {JsonTypeName(type)}), got {element.ValueKind.ToString().ToLowerInvariant()}"),
    };

    private static string TypeName(ParamType type) => type switch
    {
        ParamType.Integer => "integer",
        ParamType.Number => "number",
        ParamType.Boolean => "boolean",
        _ => "string",
    };

    private static string WithArticle(ParamType type) => (type == ParamType.Integer ? "an " : "a ") + TypeName(type);

    private static string JsonTypeName(ParamType type) => type switch
    {
        ParamType.Integer => "whole number",
        ParamType.Number => "number",
        ParamType.Boolean => "true or false",
        _ => "string",
    };
}
