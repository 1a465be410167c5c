using System.Net;
using Microsoft.Extensions.Options;
using Refit;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// Genie's client of Airflow 3's REST API (v2): the calls the Airflow executor makes to publish, trigger, follow,
/// cancel and retry runs, over the Refit client <see cref="IAirflowApi"/>. It gives statuses their meaning (a 404 is
/// "none", a 409 on a trigger is the existing run), reads lists to the end, and throws
/// <see cref="AirflowApiException"/> for any other refusal; Airflow staying away through the retries surfaces as
/// <see cref="AirflowUnavailableException"/> (see <see cref="AirflowOutageHandler"/>).
/// </summary>
public sealed class AirflowClient
{
    /// <summary>Page size of list calls; lists are read to the end by `total_entries`, whatever the server caps a page at.</summary>
    private const int PageSize = 100;

    private readonly IAirflowApi _api;
    private readonly IOptions<AirflowOptions> _options;

    internal AirflowClient(IAirflowApi api, IOptions<AirflowOptions> options)
    {
        _api = api;
        _options = options;
    }

    /// <summary>The DAG as last parsed (`GET /dags/{dag_id}`), or null while Airflow has not parsed it.</summary>
    public async Task<AirflowDag?> GetDagAsync(string dagId, CancellationToken ct) =>
        OrNull(await Api.GetDagAsync(dagId, ct));

    /// <summary>Every current import error (`GET /importErrors`, all pages).</summary>
    public Task<IReadOnlyList<AirflowImportError>> GetImportErrorsAsync(CancellationToken ct) =>
        ReadAllPagesAsync<ImportErrorPage, AirflowImportError>(offset => Api.GetImportErrorsAsync(PageSize, offset, ct));

    /// <summary>Pauses or unpauses a DAG (`PATCH /dags/{dag_id}` with `{"is_paused": ...}`).</summary>
    public async Task SetPausedAsync(string dagId, bool paused, CancellationToken ct)
    {
        using var response = await Api.PatchDagAsync(dagId, new DagPatchBody(paused), ct);
        EnsureSuccess(response);
    }

    /// <summary>
    /// Triggers a run with Genie's run id as `dag_run_id` and no logical date (`POST /dags/{dag_id}/dagRuns`). A 409
    /// means a run with that id exists: an earlier attempt of this trigger got through, so the existing run is returned.
    /// </summary>
    public async Task<AirflowTriggerResult> TriggerAsync(string dagId, string dagRunId, IReadOnlyDictionary<string, object?> conf, CancellationToken ct)
    {
        using var span = AirflowSpan.Start("trigger_dag_run", dagId, dagRunId);
        using (var response = await Api.TriggerDagRunAsync(dagId, new TriggerDagRunBody(dagRunId, LogicalDate: null, conf), ct))
        {
            if (AirflowAnswer.StatusOf(response) != HttpStatusCode.Conflict)
            {
                return new AirflowTriggerResult(AirflowTriggerOutcome.Created, ContentOf(response));
            }
        }

        var existing = await GetDagRunAsync(dagId, dagRunId, ct) ?? throw new AirflowApiException(
            $"Airflow answered 409 to triggering run '{dagRunId}' of DAG '{dagId}', but has no such run", (int)HttpStatusCode.Conflict, null);
        return new AirflowTriggerResult(AirflowTriggerOutcome.AlreadyExists, existing);
    }

    /// <summary>One run (`GET /dags/{dag_id}/dagRuns/{dag_run_id}`), or null if Airflow has no such run.</summary>
    public async Task<AirflowDagRun?> GetDagRunAsync(string dagId, string dagRunId, CancellationToken ct)
    {
        using var span = AirflowSpan.Start("get_dag_run", dagId, dagRunId);
        return OrNull(await Api.GetDagRunAsync(dagId, dagRunId, ct));
    }

    /// <summary>Every task instance of a run, one per map index of mapped tasks (`GET .../taskInstances`, all pages).</summary>
    public async Task<IReadOnlyList<AirflowTaskInstance>> GetTaskInstancesAsync(string dagId, string dagRunId, CancellationToken ct)
    {
        using var span = AirflowSpan.Start("get_task_instances", dagId, dagRunId);
        return await ReadAllPagesAsync<TaskInstancePage, AirflowTaskInstance>(offset => Api.GetTaskInstancesAsync(dagId, dagRunId, PageSize, offset, ct));
    }

    /// <summary>
    /// The whole log of one attempt as text (`GET .../logs/{try_number}?full_content=true`, JSON): one line per message.
    /// </summary>
    public async Task<string> GetTaskLogAsync(string dagId, string dagRunId, string taskId, int tryNumber, int mapIndex, CancellationToken ct)
    {
        using var span = AirflowSpan.Start("get_task_log", dagId, dagRunId);
        using var response = await Api.GetTaskLogAsync(dagId, dagRunId, taskId, tryNumber, mapIndex, ct);
        return ContentOf(response).ToText();
    }

    /// <summary>
    /// Cancels a run by marking it failed (`PATCH .../dagRuns/{dag_run_id}` with `{"state": "failed"}`): running tasks
    /// are failed (their pods deleted by the operator's on_kill), unfinished ones skipped. Airflow 3 updates only the
    /// fields the body sets, so the run's note is left alone.
    /// </summary>
    public async Task MarkDagRunFailedAsync(string dagId, string dagRunId, CancellationToken ct)
    {
        using var span = AirflowSpan.Start("mark_dag_run_failed", dagId, dagRunId);
        using var response = await Api.PatchDagRunAsync(dagId, dagRunId, new DagRunPatchBody(AirflowDagRunState.Failed), ct);
        EnsureSuccess(response);
    }

    /// <summary>
    /// Re-runs the failed and upstream-failed tasks of one run and puts the run back to queued
    /// (`POST /dags/{dag_id}/clearTaskInstances`).
    /// </summary>
    public async Task ClearFailedTasksAsync(string dagId, string dagRunId, CancellationToken ct)
    {
        using var span = AirflowSpan.Start("clear_task_instances", dagId, dagRunId);
        var body = new ClearTaskInstancesBody(dagRunId, DryRun: false, OnlyFailed: true, ResetDagRuns: true);
        using var response = await Api.ClearTaskInstancesAsync(dagId, body, ct);
        EnsureSuccess(response);
    }

    /// <summary>The Refit client, once the options name an Airflow; a server without one can still construct this client.</summary>
    private IAirflowApi Api => _options.Value.BaseAddress is not null
        ? _api
        : throw new InvalidOperationException(
            $"{AirflowOptions.Section}:BaseUrl must be the http(s) URL of Airflow's api-server, but is '{_options.Value.BaseUrl}'");

    private async Task<IReadOnlyList<TItem>> ReadAllPagesAsync<TPage, TItem>(Func<int, Task<IApiResponse<TPage>>> fetch)
        where TPage : IAirflowPage<TItem>
    {
        var items = new List<TItem>();
        while (true)
        {
            using var response = await fetch(items.Count);
            var page = ContentOf(response);
            if (page.Items is not { Count: > 0 } pageItems)
            {
                return items;
            }

            items.AddRange(pageItems);
            if (items.Count >= page.TotalEntries)
            {
                return items;
            }
        }
    }

    private static T? OrNull<T>(IApiResponse<T> response)
        where T : class
    {
        using (response)
        {
            return AirflowAnswer.StatusOf(response) == HttpStatusCode.NotFound ? null : ContentOf(response);
        }
    }

    private static T ContentOf<T>(IApiResponse<T> response)
    {
        EnsureSuccess(response);
        return response.Content ?? throw new AirflowApiException(
            $"Airflow answered {Describe(response)} with an empty body", (int)AirflowAnswer.StatusOf(response), null);
    }

    private static void EnsureSuccess(IApiResponse response)
    {
        var code = (int)AirflowAnswer.StatusOf(response);
        if (response.IsSuccessStatusCode)
        {
            if (response.Error is { } unreadable)
            {
                throw new AirflowApiException($"Airflow's answer to {Describe(response)} could not be read: {unreadable.Message}", code, null);
            }

            return;
        }

        var detail = AirflowErrorDetail.Of(response);
        throw new AirflowApiException($"Airflow refused {Describe(response)} with {code} {(HttpStatusCode)code}: {detail}", code, detail);
    }

    private static string Describe(IApiResponse response) =>
        $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}";
}
