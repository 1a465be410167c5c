using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// Genie's typed client of Airflow 3's REST API (v2): the calls the Airflow executor makes to publish, trigger,
/// follow, cancel and retry runs. Every call logs in as needed, retries transient failures and throws
/// <see cref="AirflowUnavailableException"/> or <see cref="AirflowApiException"/> (see <see cref="AirflowTransport"/>).
/// One instance per process: it caches the access token.
/// </summary>
public sealed class AirflowClient
{
    /// <summary>Page size of list calls; lists are read to the end by `total_entries`, whatever the server caps a page at.</summary>
    private const int PageSize = 100;

    private const int NotFound = 404;
    private const int Conflict = 409;

    private readonly Lazy<AirflowTransport> _transport;

    public AirflowClient(HttpClient http, IOptions<AirflowOptions> options, TimeProvider time, ILogger<AirflowClient> logger)
    {
        // Built on first use so that a server without Airflow configured can still construct the client.
        _transport = new Lazy<AirflowTransport>(() => new AirflowTransport(http, options.Value, time, logger));
    }

    /// <summary>
    /// The DAG as last parsed (`GET /dags/{dag_id}`), or null while Airflow has not parsed it. `/details` would add the
    /// latest DAG version, but it is not needed to see a new file's tags and parse time.
    /// </summary>
    public async Task<AirflowDag?> GetDagAsync(string dagId, CancellationToken ct) =>
        await GetOrNullAsync<AirflowDag>($"dags/{Seg(dagId)}", ct);

    /// <summary>Every current import error (`GET /importErrors`, all pages).</summary>
    public async Task<IReadOnlyList<AirflowImportError>> GetImportErrorsAsync(CancellationToken ct) =>
        await ReadAllPagesAsync<ImportErrorPage, AirflowImportError>("importErrors?", page => (page.ImportErrors, page.TotalEntries), ct);

    /// <summary>
    /// Pauses or unpauses a DAG (`PATCH /dags/{dag_id}` with `{"is_paused": ...}`). No `update_mask`: it is optional,
    /// `is_paused` is the body's only field, and Prism (the contract test) cannot validate the spec's
    /// `anyOf[array, null]` query parameter.
    /// </summary>
    public async Task SetPausedAsync(string dagId, bool paused, CancellationToken ct)
    {
        using var _ = await SendAsync(new AirflowRequest(HttpMethod.Patch, $"dags/{Seg(dagId)}", new DagPatchBody(paused)), ct);
    }

    /// <summary>
    /// Triggers a run with Genie's run id as `dag_run_id` and no logical date (`POST /dags/{dag_id}/dagRuns`). A 409
    /// means a run with that id exists: an earlier attempt of this trigger got through, so the existing run is returned.
    /// </summary>
    public async Task<AirflowTriggerResult> TriggerAsync(string dagId, string dagRunId, IReadOnlyDictionary<string, object?> conf, CancellationToken ct)
    {
        var body = new TriggerDagRunBody(dagRunId, LogicalDate: null, conf);
        using (var response = await SendAsync(new AirflowRequest(HttpMethod.Post, $"dags/{Seg(dagId)}/dagRuns", body, Conflict), ct))
        {
            if ((int)response.StatusCode != Conflict)
            {
                return new AirflowTriggerResult(AirflowTriggerOutcome.Created, await ReadAsync<AirflowDagRun>(response, ct));
            }
        }

        var existing = await GetDagRunAsync(dagId, dagRunId, ct) ?? throw new AirflowApiException(
            $"Airflow answered 409 to triggering run '{dagRunId}' of DAG '{dagId}', but has no such run", Conflict, null);
        return new AirflowTriggerResult(AirflowTriggerOutcome.AlreadyExists, existing);
    }

    /// <summary>One run (`GET /dags/{dag_id}/dagRuns/{dag_run_id}`), or null if Airflow has no such run.</summary>
    public async Task<AirflowDagRun?> GetDagRunAsync(string dagId, string dagRunId, CancellationToken ct) =>
        await GetOrNullAsync<AirflowDagRun>(RunPath(dagId, dagRunId), ct);

    /// <summary>Every task instance of a run, one per map index of mapped tasks (`GET .../taskInstances`, all pages).</summary>
    public async Task<IReadOnlyList<AirflowTaskInstance>> GetTaskInstancesAsync(string dagId, string dagRunId, CancellationToken ct) =>
        await ReadAllPagesAsync<TaskInstancePage, AirflowTaskInstance>(
            $"{RunPath(dagId, dagRunId)}/taskInstances?", page => (page.TaskInstances, page.TotalEntries), ct);

    /// <summary>
    /// The whole log of one attempt as text (`GET .../logs/{try_number}?full_content=true`, JSON): one line per message.
    /// </summary>
    public async Task<string> GetTaskLogAsync(string dagId, string dagRunId, string taskId, int tryNumber, int mapIndex, CancellationToken ct)
    {
        var path = string.Create(
            CultureInfo.InvariantCulture,
            $"{RunPath(dagId, dagRunId)}/taskInstances/{Seg(taskId)}/logs/{tryNumber}?map_index={mapIndex}&full_content=true");
        using var response = await SendAsync(new AirflowRequest(HttpMethod.Get, path), ct);
        return (await ReadAsync<TaskLogResponse>(response, ct)).ToText();
    }

    /// <summary>
    /// Cancels a run by marking it failed (`PATCH .../dagRuns/{dag_run_id}` with `{"state": "failed"}`): running tasks
    /// are failed (their pods deleted by the operator's on_kill), unfinished ones skipped. No `update_mask`, as for
    /// pausing: Airflow 3 updates only the fields the body sets, so the run's note is left alone.
    /// </summary>
    public async Task MarkDagRunFailedAsync(string dagId, string dagRunId, CancellationToken ct)
    {
        using var _ = await SendAsync(new AirflowRequest(HttpMethod.Patch, RunPath(dagId, dagRunId), new DagRunPatchBody(AirflowDagRunState.Failed)), ct);
    }

    /// <summary>
    /// Re-runs the failed and upstream-failed tasks of one run and puts the run back to queued
    /// (`POST /dags/{dag_id}/clearTaskInstances`).
    /// </summary>
    public async Task ClearFailedTasksAsync(string dagId, string dagRunId, CancellationToken ct)
    {
        var body = new ClearTaskInstancesBody(dagRunId, DryRun: false, OnlyFailed: true, ResetDagRuns: true);
        using var _ = await SendAsync(new AirflowRequest(HttpMethod.Post, $"dags/{Seg(dagId)}/clearTaskInstances", body), ct);
    }

    private Task<HttpResponseMessage> SendAsync(AirflowRequest request, CancellationToken ct) => _transport.Value.SendAsync(request, ct);

    private async Task<T?> GetOrNullAsync<T>(string path, CancellationToken ct)
        where T : class
    {
        using var response = await SendAsync(new AirflowRequest(HttpMethod.Get, path, null, NotFound), ct);
        return (int)response.StatusCode == NotFound ? null : await ReadAsync<T>(response, ct);
    }

    /// <summary>Reads a list endpoint page by page; <paramref name="pathAndQuery"/> ends with `?` or `&amp;`.</summary>
    private async Task<IReadOnlyList<TItem>> ReadAllPagesAsync<TPage, TItem>(
        string pathAndQuery, Func<TPage, (IReadOnlyList<TItem>? Items, int Total)> unpack, CancellationToken ct)
    {
        var items = new List<TItem>();
        while (true)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{pathAndQuery}limit={PageSize}&offset={items.Count}");
            using var response = await SendAsync(new AirflowRequest(HttpMethod.Get, path), ct);
            var (page, total) = unpack(await ReadAsync<TPage>(response, ct));
            if (page is null || page.Count == 0)
            {
                return items;
            }

            items.AddRange(page);
            if (items.Count >= total)
            {
                return items;
            }
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct) =>
        await response.Content.ReadFromJsonAsync<T>(AirflowJson.Options, ct)
        ?? throw new AirflowApiException(
            $"Airflow answered {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} with an empty body",
            (int)response.StatusCode,
            null);

    private static string RunPath(string dagId, string dagRunId) => $"dags/{Seg(dagId)}/dagRuns/{Seg(dagRunId)}";

    private static string Seg(string value) => AirflowEndpoint.Segment(value);
}
