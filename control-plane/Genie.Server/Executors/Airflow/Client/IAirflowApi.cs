using Refit;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// The calls Genie makes to Airflow 3's REST API (v2), as Refit generates them. Every call answers with the response
/// rather than throwing, so <see cref="AirflowClient"/> decides what a status means (a 404 is "none", a 409 on a
/// trigger is "already there"). Path parameters are escaped by Refit, which matters because run ids contain `+` and `:`.
/// </summary>
[Headers("Accept: application/json")]
internal interface IAirflowApi
{
    /// <summary>`/details` would add the latest DAG version, but it is not needed to see a new file's tags and parse time.</summary>
    [Get("/api/v2/dags/{dagId}")]
    Task<IApiResponse<AirflowDag>> GetDagAsync(string dagId, CancellationToken ct);

    [Get("/api/v2/importErrors")]
    Task<IApiResponse<ImportErrorPage>> GetImportErrorsAsync(int limit, int offset, CancellationToken ct);

    /// <summary>
    /// No `update_mask`: it is optional, the bodies sent set only the fields to change, and Prism cannot validate the
    /// spec's `anyOf[array, null]` query parameter.
    /// </summary>
    [Patch("/api/v2/dags/{dagId}")]
    Task<IApiResponse> PatchDagAsync(string dagId, [Body] DagPatchBody body, CancellationToken ct);

    [Post("/api/v2/dags/{dagId}/dagRuns")]
    Task<IApiResponse<AirflowDagRun>> TriggerDagRunAsync(string dagId, [Body] TriggerDagRunBody body, CancellationToken ct);

    [Get("/api/v2/dags/{dagId}/dagRuns/{dagRunId}")]
    Task<IApiResponse<AirflowDagRun>> GetDagRunAsync(string dagId, string dagRunId, CancellationToken ct);

    [Patch("/api/v2/dags/{dagId}/dagRuns/{dagRunId}")]
    Task<IApiResponse> PatchDagRunAsync(string dagId, string dagRunId, [Body] DagRunPatchBody body, CancellationToken ct);

    [Get("/api/v2/dags/{dagId}/dagRuns/{dagRunId}/taskInstances")]
    Task<IApiResponse<TaskInstancePage>> GetTaskInstancesAsync(string dagId, string dagRunId, int limit, int offset, CancellationToken ct);

    /// <summary>`full_content` is fixed in the template because Refit would render a bool argument as `True`.</summary>
    [Get("/api/v2/dags/{dagId}/dagRuns/{dagRunId}/taskInstances/{taskId}/logs/{tryNumber}?map_index={mapIndex}&full_content=true")]
    Task<IApiResponse<TaskLogResponse>> GetTaskLogAsync(string dagId, string dagRunId, string taskId, int tryNumber, int mapIndex, CancellationToken ct);

    [Post("/api/v2/dags/{dagId}/clearTaskInstances")]
    Task<IApiResponse> ClearTaskInstancesAsync(string dagId, [Body] ClearTaskInstancesBody body, CancellationToken ct);
}
