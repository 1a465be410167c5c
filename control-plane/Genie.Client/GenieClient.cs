using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using Genie.Client.Contracts;
using Genie.Client.Resources;
using Refit;

namespace Genie.Client;

/// <summary>
/// Genie's REST API in one object: the Refit interface of each resource, plus the calls that need more than one
/// request line (a spec body with its media type, the ETag of an apply, a followed log). Every non-success answer
/// becomes a <see cref="GenieApiException"/>.
/// </summary>
public sealed class GenieClient
{
    public GenieClient(HttpClient http)
    {
        var settings = GenieRefitSettings.Create();
        Jobs = RestService.ForGenerated<IJobsApi>(http, settings);
        Runs = RestService.ForGenerated<IRunsApi>(http, settings);
        Schedules = RestService.ForGenerated<ISchedulesApi>(http, settings);
        Housekeeping = RestService.ForGenerated<IHousekeepingApi>(http, settings);
        Health = RestService.ForGenerated<IHealthApi>(http, settings);
        Keys = RestService.ForGenerated<IApiKeysApi>(http, settings);
        Secrets = RestService.ForGenerated<ISecretsApi>(http, settings);
        Audit = RestService.ForGenerated<IAuditApi>(http, settings);
        Events = RestService.ForGenerated<IEventsApi>(http, settings);
        Stats = RestService.ForGenerated<IStatsApi>(http, settings);
        Caller = RestService.ForGenerated<ICallerApi>(http, settings);
    }

    /// <summary>A client for the Genie at <paramref name="baseAddress"/> that presents <paramref name="credential"/> (an API key or a bearer token).</summary>
    public static GenieClient Connect(Uri baseAddress, string credential) =>
        new(new HttpClient
        {
            BaseAddress = baseAddress,
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", credential) },
        });

    public IJobsApi Jobs { get; }
    public IRunsApi Runs { get; }
    public ISchedulesApi Schedules { get; }
    public IHousekeepingApi Housekeeping { get; }
    public IHealthApi Health { get; }
    public IApiKeysApi Keys { get; }
    public ISecretsApi Secrets { get; }
    public IAuditApi Audit { get; }
    public IEventsApi Events { get; }
    public IStatsApi Stats { get; }
    public ICallerApi Caller { get; }

    /// <summary>Who the server takes this client's credential for, with its grants.</summary>
    public Task<CallerResource> WhoAmIAsync(CancellationToken cancellationToken = default) => Caller.GetAsync(cancellationToken);

    /// <summary>The job groups of every namespace the caller may see.</summary>
    public Task<IReadOnlyList<JobGroupResource>> ListJobGroupsAsync(CancellationToken cancellationToken = default) =>
        Jobs.ListGroupsAsync(cancellationToken);

    /// <summary>Triggers every live job of group <paramref name="group"/> in <paramref name="ns"/>.</summary>
    public Task<GroupTriggerResult> TriggerGroupAsync(
        string ns, string group, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        Jobs.TriggerGroupAsync(ns, group, idempotencyKey, cancellationToken);

    /// <summary>
    /// Applies a spec (YAML or JSON text) as job <paramref name="name"/> of <paramref name="ns"/>; with a
    /// <paramref name="source"/> the job is marked as managed by it.
    /// </summary>
    public async Task<ApplyResponse> ApplyJobAsync(
        string ns, string name, string spec, string mediaType = SpecMediaType.Yaml,
        string? ifMatch = null, bool dryRun = false, bool createOnly = false, CancellationToken cancellationToken = default,
        string? source = null)
    {
        using var content = SpecContent(spec, mediaType);
        using var response = await Jobs.ApplyAsync(
            ns, name, content, ifMatch, createOnly ? "*" : null, dryRun ? true : null, source, cancellationToken);
        await ThrowIfFailedAsync(response, cancellationToken);
        var result = await response.Content.ReadFromJsonAsync<ApplyResult>(GenieJson.Options, cancellationToken)
            ?? throw new GenieApiException((int)response.StatusCode, new ApiProblem(null, "Empty response", (int)response.StatusCode, null, null, null));
        return new ApplyResponse(result, response.Headers.ETag?.ToString());
    }

    public Task<JobResource> GetJobAsync(string ns, string name, CancellationToken cancellationToken = default) =>
        Jobs.GetAsync(ns, name, cancellationToken);

    /// <summary>The current version's text exactly as it was applied.</summary>
    public Task<string> GetJobSourceAsync(string ns, string name, CancellationToken cancellationToken = default) =>
        Jobs.GetSourceAsync(ns, name, cancellationToken);

    public Task<Page<JobResource>> ListJobsAsync(string ns, JobListQuery? query = null, CancellationToken cancellationToken = default) =>
        Jobs.ListAsync(ns, query, cancellationToken);

    /// <summary>Live jobs of every namespace.</summary>
    public Task<Page<JobResource>> ListAllJobsAsync(JobListQuery? query = null, CancellationToken cancellationToken = default) =>
        Jobs.ListAllAsync(query, cancellationToken);

    public Task<Page<JobVersionResource>> ListJobVersionsAsync(
        string ns, string name, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        Jobs.ListVersionsAsync(ns, name, limit, cursor, cancellationToken);

    public Task<JobVersionResource> GetJobVersionAsync(string ns, string name, int version, CancellationToken cancellationToken = default) =>
        Jobs.GetVersionAsync(ns, name, version, cancellationToken);

    /// <summary>A version's text exactly as it was applied.</summary>
    public Task<string> GetJobVersionSourceAsync(string ns, string name, int version, CancellationToken cancellationToken = default) =>
        Jobs.GetVersionSourceAsync(ns, name, version, cancellationToken);

    /// <summary>The Airflow DAG file a job version compiles to.</summary>
    public Task<string> GetDagSourceAsync(string ns, string name, int version, CancellationToken cancellationToken = default) =>
        Jobs.GetDagSourceAsync(ns, name, version, cancellationToken);

    /// <summary>Whether a job version's DAG was published and parsed by Airflow, and Airflow's import error if any.</summary>
    public Task<DagStatusResource> GetDagStatusAsync(string ns, string name, int version, CancellationToken cancellationToken = default) =>
        Jobs.GetDagStatusAsync(ns, name, version, cancellationToken);

    public Task DeleteJobAsync(string ns, string name, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        Jobs.DeleteAsync(ns, name, ifMatch, cancellationToken);

    /// <summary>Validates a spec without storing it; invalid specs throw with every error in the problem.</summary>
    public async Task<ValidationReport> ValidateAsync(string spec, string mediaType = SpecMediaType.Yaml, CancellationToken cancellationToken = default)
    {
        using var content = SpecContent(spec, mediaType);
        return await Jobs.ValidateAsync(content, cancellationToken);
    }

    /// <summary>Triggers a run; with an <paramref name="idempotencyKey"/> a repeated request returns the same run.</summary>
    public Task<RunResource> TriggerRunAsync(
        string ns, string job, TriggerRunRequest? request = null, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        Runs.TriggerAsync(ns, job, request ?? new TriggerRunRequest(), idempotencyKey, cancellationToken);

    public Task<Page<RunResource>> ListRunsAsync(string ns, RunListQuery? query = null, CancellationToken cancellationToken = default) =>
        Runs.ListAsync(ns, query, cancellationToken);

    /// <summary>A run with its tasks and every attempt.</summary>
    public Task<RunResource> GetRunAsync(string ns, string runId, CancellationToken cancellationToken = default) =>
        Runs.GetAsync(ns, runId, cancellationToken);

    /// <summary>The run's webhook notifications (spec.notify), each with every delivery attempt.</summary>
    public Task<IReadOnlyList<NotificationResource>> GetRunNotificationsAsync(string ns, string runId, CancellationToken cancellationToken = default) =>
        Runs.GetNotificationsAsync(ns, runId, cancellationToken);

    public Task<RunResource> CancelRunAsync(string ns, string runId, CancellationToken cancellationToken = default) =>
        Runs.CancelAsync(ns, runId, cancellationToken);

    public Task<RunResource> SuspendRunAsync(string ns, string runId, CancellationToken cancellationToken = default) =>
        Runs.SuspendAsync(ns, runId, cancellationToken);

    public Task<RunResource> ResumeRunAsync(string ns, string runId, CancellationToken cancellationToken = default) =>
        Runs.ResumeAsync(ns, runId, cancellationToken);

    /// <summary>Runs the failed tasks (<c>failed</c>) or every task (<c>all</c>) of a finished run again.</summary>
    public Task<RunResource> RetryRunAsync(string ns, string runId, string mode = "failed", CancellationToken cancellationToken = default) =>
        Runs.RetryAsync(ns, runId, new RetryRunRequest(mode), cancellationToken);

    /// <summary>A task attempt's log: a byte range from <paramref name="offset"/>, or the last <paramref name="tail"/> lines.</summary>
    public Task<string> GetTaskLogAsync(
        string ns, string runId, string task, int replica = 0, int? attempt = null, long? offset = null, int? tail = null,
        CancellationToken cancellationToken = default) =>
        Runs.GetTaskLogAsync(ns, runId, task, replica, attempt, offset, tail, cancellationToken);

    /// <summary>Streams a task attempt's log line by line until the attempt ends.</summary>
    public async IAsyncEnumerable<string> FollowTaskLogAsync(
        string ns, string runId, string task, int replica = 0, int? attempt = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await Runs.FollowTaskLogAsync(ns, runId, task, replica, attempt, cancellationToken);
        await ThrowIfFailedAsync(response, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            yield return line;
        }
    }

    /// <summary>
    /// Events as they commit (after <paramref name="lastEventId"/>, or from now), reconnecting and resuming by itself
    /// until <paramref name="cancellationToken"/> fires; see <see cref="EventStreamReader"/>.
    /// </summary>
    public IAsyncEnumerable<GenieEvent> StreamEventsAsync(
        EventStreamFilter? filter = null, long? lastEventId = null, CancellationToken cancellationToken = default) =>
        EventStreamReader.ReadAsync(Events, filter, lastEventId, cancellationToken);

    /// <summary>
    /// As the other overload, calling <paramref name="connected"/> each time the stream (re)opens, before its events,
    /// so a reader can read once more what it shows and miss nothing committed while it was not connected.
    /// </summary>
    public IAsyncEnumerable<GenieEvent> StreamEventsAsync(
        EventStreamFilter? filter, long? lastEventId, Action connected, CancellationToken cancellationToken = default) =>
        EventStreamReader.ReadAsync(Events, filter, lastEventId, connected, cancellationToken);

    /// <summary>The events of <paramref name="filter"/> that exist now, oldest first, at most <paramref name="limit"/>: a history to show.</summary>
    public Task<IReadOnlyList<GenieEvent>> ReadEventsAsync(EventStreamFilter filter, int limit = 500, CancellationToken cancellationToken = default) =>
        EventStreamReader.ReadSettledAsync(Events, filter, limit, cancellationToken);

    /// <summary>A job's schedule: cron, zone, paused or not, and the next fire times.</summary>
    public Task<ScheduleResource> GetScheduleAsync(string ns, string job, CancellationToken cancellationToken = default) =>
        Schedules.GetAsync(ns, job, cancellationToken);

    /// <summary>Stops a job's schedule from firing until it is resumed; applying the job again keeps it paused.</summary>
    public Task<ScheduleResource> PauseScheduleAsync(string ns, string job, CancellationToken cancellationToken = default) =>
        Schedules.PauseAsync(ns, job, cancellationToken);

    public Task<ScheduleResource> ResumeScheduleAsync(string ns, string job, CancellationToken cancellationToken = default) =>
        Schedules.ResumeAsync(ns, job, cancellationToken);

    /// <summary>The housekeeping jobs with their last run and outcome.</summary>
    public Task<IReadOnlyList<HousekeepingTaskResource>> ListHousekeepingAsync(CancellationToken cancellationToken = default) =>
        Housekeeping.ListAsync(cancellationToken);

    /// <summary>Runs one housekeeping job now and returns it with the outcome of that run.</summary>
    public Task<HousekeepingTaskResource> RunHousekeepingAsync(string name, CancellationToken cancellationToken = default) =>
        Housekeeping.RunAsync(name, cancellationToken);

    /// <summary>Creates an API key with <paramref name="grants"/>; the answer is the only time its text is shown.</summary>
    public Task<CreatedApiKey> CreateApiKeyAsync(
        string name, IReadOnlyList<string> grants, DateTimeOffset? expiresAt = null, CancellationToken cancellationToken = default) =>
        Keys.CreateAsync(new CreateApiKeyRequest(name, grants.ToList<string?>(), expiresAt), cancellationToken);

    public Task<Page<ApiKeyResource>> ListApiKeysAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        Keys.ListAsync(limit, cursor, cancellationToken);

    public Task RevokeApiKeyAsync(string prefix, CancellationToken cancellationToken = default) =>
        Keys.RevokeAsync(prefix, cancellationToken);

    /// <summary>Creates a secret from values by key; the answer names its keys, never its values.</summary>
    public Task<SecretResource> CreateSecretAsync(
        string ns, string name, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken = default) =>
        Secrets.CreateAsync(ns, new CreateSecretRequest(name, Values(data)), cancellationToken);

    /// <summary>Replaces all of a secret's values.</summary>
    public Task<SecretResource> RotateSecretAsync(
        string ns, string name, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken = default) =>
        Secrets.RotateAsync(ns, name, new RotateSecretRequest(Values(data)), cancellationToken);

    public Task<Page<SecretResource>> ListSecretsAsync(string ns, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        Secrets.ListAsync(ns, limit, cursor, cancellationToken);

    public Task<SecretResource> GetSecretAsync(string ns, string name, CancellationToken cancellationToken = default) =>
        Secrets.GetAsync(ns, name, cancellationToken);

    public Task DeleteSecretAsync(string ns, string name, CancellationToken cancellationToken = default) =>
        Secrets.DeleteAsync(ns, name, cancellationToken);

    public Task<HealthReport> GetHealthAsync(CancellationToken cancellationToken = default) =>
        Health.GetHealthAsync(cancellationToken);

    public Task<HealthReport> GetReadinessAsync(CancellationToken cancellationToken = default) =>
        Health.GetReadinessAsync(cancellationToken);

    /// <summary>The audit log newest first: every mutating call with who, what, target, when, source and outcome.</summary>
    public Task<Page<AuditRecordResource>> ListAuditAsync(AuditListQuery? query = null, CancellationToken cancellationToken = default) =>
        Audit.ListAsync(query, cancellationToken);

    // The wire type allows nulls so the server can report them; a caller's map never has any.
    private static Dictionary<string, string?> Values(IReadOnlyDictionary<string, string> data) =>
        data.ToDictionary(p => p.Key, string? (p) => p.Value, StringComparer.Ordinal);

    private static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (await GenieApiException.FromResponseAsync(response, cancellationToken) is { } error)
        {
            throw error;
        }
    }

    private static StringContent SpecContent(string spec, string mediaType) =>
        new(spec, Encoding.UTF8, new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" });
}
