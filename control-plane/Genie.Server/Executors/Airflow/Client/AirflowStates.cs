using System.Text.Json;
using System.Text.Json.Serialization;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>Airflow's `DagRunState`; success and failed are terminal.</summary>
[JsonConverter(typeof(AirflowStateConverter<AirflowDagRunState>))]
public enum AirflowDagRunState
{
    /// <summary>A value this client does not know (a newer Airflow); treat it as not finished.</summary>
    Unknown = 0,
    Queued,
    Running,
    Success,
    Failed,
}

/// <summary>Airflow's `TaskInstanceState`. A task instance with no state yet has a null state, not a member of this enum.</summary>
[JsonConverter(typeof(AirflowStateConverter<AirflowTaskState>))]
public enum AirflowTaskState
{
    /// <summary>A value this client does not know (a newer Airflow); treat it as not finished.</summary>
    Unknown = 0,
    Removed,
    Scheduled,
    Queued,
    Running,
    Success,
    Restarting,
    Failed,
    UpForRetry,
    UpForReschedule,
    UpstreamFailed,
    Skipped,
    Deferred,
}

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
