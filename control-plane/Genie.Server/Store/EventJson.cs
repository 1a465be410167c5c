using System.Text.Json;
using System.Text.Json.Serialization;

namespace Genie.Server.Store;

/// <summary>
/// How event payloads are written into the outbox: camelCase fields, states by their wire names
/// (`upstream_failed`), instants in ISO 8601. The server's own contract, independent of the API client's options.
/// </summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };
}
