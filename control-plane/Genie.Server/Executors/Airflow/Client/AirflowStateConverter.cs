using System.Text.Json;
using System.Text.Json.Serialization;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// Reads Airflow's snake_case state strings into an enum. An unknown value becomes the enum's zero member instead of
/// failing the whole response, because newer Airflow versions add states and a poll must not break on them.
/// </summary>
internal sealed class AirflowStateConverter<TState> : JsonConverter<TState>
    where TState : struct, Enum
{
    private static readonly Dictionary<string, TState> ByWireName =
        Enum.GetValues<TState>().ToDictionary(WireName, StringComparer.OrdinalIgnoreCase);

    public override TState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && ByWireName.TryGetValue(text, out var state) ? state : default;
    }

    public override void Write(Utf8JsonWriter writer, TState value, JsonSerializerOptions options) =>
        writer.WriteStringValue(WireName(value));

    private static string WireName(TState state) => JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());
}
