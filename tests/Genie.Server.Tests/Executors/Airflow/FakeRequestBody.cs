using Microsoft.AspNetCore.Http;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// A JSON request body checked the way Airflow's Pydantic models check it (`extra="forbid"`): an unknown field, a
/// missing required one, or a wrong type is a 422 with FastAPI's validation error, so the fake catches bad bodies too.
/// </summary>
internal sealed class FakeRequestBody
{
    private FakeRequestBody(JsonObject fields) => Fields = fields;

    public JsonObject Fields { get; }

    /// <summary>The checked body, or the 422 to answer instead.</summary>
    public static (FakeRequestBody? Body, IResult? Refusal) Parse(string text, IReadOnlyCollection<string> allowed, IReadOnlyCollection<string> required)
    {
        JsonNode? node;
        try
        {
            node = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return (null, Refuse("body", "JSON decode error", "json_invalid"));
        }

        if (node is not JsonObject fields)
        {
            return (null, Refuse("body", "Input should be a valid dictionary or object to extract fields from", "model_attributes_type"));
        }

        if (fields.Select(field => field.Key).FirstOrDefault(name => !allowed.Contains(name)) is { } extra)
        {
            return (null, Refuse(extra, "Extra inputs are not permitted", "extra_forbidden"));
        }

        if (required.FirstOrDefault(name => !fields.ContainsKey(name)) is { } missing)
        {
            return (null, Refuse(missing, "Field required", "missing"));
        }

        return (new FakeRequestBody(fields), null);
    }

    public static IResult Refuse(string field, string message, string type) =>
        Results.Json(FakeAirflowJson.ValidationError("body", field, message, type), statusCode: StatusCodes.Status422UnprocessableEntity);

    public bool Has(string name) => Fields.ContainsKey(name);

    /// <summary>A boolean field, its default when absent; null when present but not a boolean.</summary>
    public bool? Bool(string name, bool fallback) => Fields[name] switch
    {
        null when !Fields.ContainsKey(name) => fallback,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => null,
    };

    /// <summary>A string field; null when absent or JSON null.</summary>
    public string? String(string name) => Fields[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public bool IsNullOrString(string name) => Fields[name] is null || Fields[name]!.GetValueKind() == JsonValueKind.String;
}
