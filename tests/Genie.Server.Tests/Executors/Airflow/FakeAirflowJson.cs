using System.Globalization;
using System.Text.Json.Nodes;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// The response bodies of the fake Airflow, with every property the OpenAPI spec marks required (`DAGResponse`,
/// `DAGRunResponse`, `TaskInstanceResponse`, ...), so a client tested against the fake meets the real shapes.
/// </summary>
internal static class FakeAirflowJson
{
    private const string BundleName = "dags-folder";

    public static string? Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Dag(FakeDag dag)
    {
        var version = dag.Version!;
        return new JsonObject
        {
            ["dag_id"] = dag.DagId,
            ["dag_display_name"] = dag.DagId,
            ["is_paused"] = dag.IsPaused,
            ["is_stale"] = dag.HasImportErrors,
            ["last_parsed_time"] = Time(version.ParsedAt),
            ["last_parse_duration"] = 0.05,
            ["last_expired"] = null,
            ["bundle_name"] = BundleName,
            ["bundle_version"] = null,
            ["relative_fileloc"] = dag.RelativeFileloc,
            ["fileloc"] = dag.Fileloc,
            ["description"] = null,
            ["timetable_summary"] = null,
            ["timetable_description"] = "Never, external triggers only",
            ["tags"] = new JsonArray(version.Tags.Order(StringComparer.Ordinal).Select(tag => (JsonNode)new JsonObject
            {
                ["name"] = tag,
                ["dag_id"] = dag.DagId,
                ["dag_display_name"] = dag.DagId,
            }).ToArray()),
            ["max_active_tasks"] = 16,
            ["max_active_runs"] = 16,
            ["max_consecutive_failed_dag_runs"] = 0,
            ["has_task_concurrency_limits"] = false,
            ["has_import_errors"] = dag.HasImportErrors,
            ["next_dagrun_logical_date"] = null,
            ["next_dagrun_data_interval_start"] = null,
            ["next_dagrun_data_interval_end"] = null,
            ["next_dagrun_run_after"] = null,
            ["owners"] = new JsonArray("genie"),
            ["file_token"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(dag.RelativeFileloc)),
        };
    }

    public static JsonObject DagVersion(FakeDag dag, FakeDagVersion version) => new()
    {
        ["id"] = version.Id.ToString(),
        ["version_number"] = version.Number,
        ["dag_id"] = dag.DagId,
        ["bundle_name"] = BundleName,
        ["bundle_version"] = null,
        ["created_at"] = Time(version.ParsedAt),
        ["dag_display_name"] = dag.DagId,
        ["bundle_url"] = null,
    };

    public static JsonObject DagRun(FakeDagRun run) => new()
    {
        ["dag_run_id"] = run.RunId,
        ["dag_id"] = run.Dag.DagId,
        ["logical_date"] = null,
        ["queued_at"] = Time(run.QueuedAt),
        ["start_date"] = Time(run.StartDate),
        ["end_date"] = Time(run.EndDate),
        ["duration"] = run is { StartDate: { } start, EndDate: { } end } ? (end - start).TotalSeconds : null,
        ["data_interval_start"] = null,
        ["data_interval_end"] = null,
        ["run_after"] = Time(run.RunAfter),
        ["last_scheduling_decision"] = Time(run.StartDate),
        ["run_type"] = "manual",
        ["state"] = run.State,
        ["triggered_by"] = "rest_api",
        ["triggering_user_name"] = FakeAirflow.Username,
        ["conf"] = run.Conf.DeepClone(),
        ["note"] = run.Note,
        ["dag_versions"] = run.DagVersion is { } version ? new JsonArray(DagVersion(run.Dag, version)) : new JsonArray(),
        ["bundle_version"] = null,
        ["dag_display_name"] = run.Dag.DagId,
        ["partition_key"] = null,
    };

    public static JsonObject TaskInstance(FakeDagRun run, FakeTaskInstance instance) => new()
    {
        ["id"] = instance.Id,
        ["task_id"] = instance.TaskId,
        ["dag_id"] = run.Dag.DagId,
        ["dag_run_id"] = run.RunId,
        ["map_index"] = instance.MapIndex,
        ["logical_date"] = null,
        ["run_after"] = Time(run.RunAfter),
        ["start_date"] = Time(instance.StartDate),
        ["end_date"] = Time(instance.EndDate),
        ["duration"] = instance is { StartDate: { } start, EndDate: { } end } ? (end - start).TotalSeconds : null,
        ["state"] = instance.State,
        ["try_number"] = instance.TryNumber,
        ["max_tries"] = instance.Task.Retries,
        ["task_display_name"] = instance.TaskId,
        ["dag_display_name"] = run.Dag.DagId,
        ["hostname"] = instance.StartDate is null ? null : "fake-worker",
        ["unixname"] = "airflow",
        ["pool"] = "default_pool",
        ["pool_slots"] = 1,
        ["queue"] = "default",
        ["priority_weight"] = 1,
        ["operator"] = instance.Task.Operator,
        ["operator_name"] = instance.Task.Operator,
        ["queued_when"] = Time(instance.QueuedWhen),
        ["scheduled_when"] = Time(instance.QueuedWhen),
        ["pid"] = null,
        ["executor"] = null,
        ["executor_config"] = "{}",
        ["note"] = null,
        ["rendered_map_index"] = instance.MapIndex < 0 ? null : instance.MapIndex.ToString(CultureInfo.InvariantCulture),
        ["rendered_fields"] = new JsonObject(),
        ["trigger"] = null,
        ["triggerer_job"] = null,
        ["dag_version"] = run.DagVersion is { } version ? DagVersion(run.Dag, version) : null,
    };

    public static JsonObject TaskInstances(FakeDagRun run, IEnumerable<FakeTaskInstance> page, int total) => new()
    {
        ["task_instances"] = new JsonArray(page.Select(instance => (JsonNode)TaskInstance(run, instance)).ToArray()),
        ["total_entries"] = total,
    };

    public static JsonObject ImportErrors(IEnumerable<FakeImportError> page, int total) => new()
    {
        ["import_errors"] = new JsonArray(page.Select(error => (JsonNode)new JsonObject
        {
            ["import_error_id"] = error.Id,
            ["timestamp"] = Time(error.Timestamp),
            ["filename"] = error.Filename,
            ["bundle_name"] = BundleName,
            ["stack_trace"] = error.StackTrace,
        }).ToArray()),
        ["total_entries"] = total,
    };

    public static JsonObject Log(IEnumerable<string> lines, DateTimeOffset now) => new()
    {
        ["content"] = new JsonArray(lines.Select(line => (JsonNode)new JsonObject
        {
            ["timestamp"] = Time(now),
            ["event"] = line,
            ["level"] = "info",
            ["logger"] = "airflow.task",
        }).ToArray()),
        ["continuation_token"] = null,
    };

    /// <summary>`HTTPExceptionResponse`.</summary>
    public static JsonObject Error(JsonNode detail) => new() { ["detail"] = detail };

    /// <summary>`HTTPValidationError`, the 422 of FastAPI.</summary>
    public static JsonObject ValidationError(string part, string name, string message, string type) => new()
    {
        ["detail"] = new JsonArray(new JsonObject
        {
            ["loc"] = new JsonArray(part, name),
            ["msg"] = message,
            ["type"] = type,
        }),
    };
}
