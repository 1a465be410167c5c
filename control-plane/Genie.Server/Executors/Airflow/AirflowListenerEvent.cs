using System.Text.Json.Serialization;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// What Genie's listener plugin posts when a task instance or DAG run of a Genie DAG changes state; a failed try
/// (`failed`, `up_for_retry`) may carry a short <see cref="Reason"/>, what its pod said.
/// </summary>
public sealed record AirflowListenerEvent(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("dag_id")] string DagId,
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("task_id")] string? TaskId,
    [property: JsonPropertyName("map_index")] int? MapIndex,
    [property: JsonPropertyName("try_number")] int? TryNumber,
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("start_date")] DateTimeOffset? StartDate,
    [property: JsonPropertyName("end_date")] DateTimeOffset? EndDate,
    [property: JsonPropertyName("hostname")] string? Hostname,
    [property: JsonPropertyName("reason")] string? Reason = null);
