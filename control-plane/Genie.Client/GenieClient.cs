using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Genie.Client.Contracts;

namespace Genie.Client;

/// <summary>Typed client of Genie's REST API (`/api/v1`); every non-success answer becomes a <see cref="GenieApiException"/>.</summary>
public sealed class GenieClient(HttpClient http)
{
    /// <summary>Applies a spec (YAML or JSON text) as job <paramref name="name"/> of <paramref name="ns"/>.</summary>
    public async Task<ApplyResponse> ApplyJobAsync(
        string ns, string name, string spec, string mediaType = SpecMediaType.Yaml,
        string? ifMatch = null, bool dryRun = false, bool createOnly = false, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, JobPath(ns, name) + (dryRun ? "?dryRun=true" : ""))
        {
            Content = SpecContent(spec, mediaType),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (createOnly)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", "*");
        }

        using var response = await SendAsync(request, cancellationToken);
        var result = await ReadAsync<ApplyResult>(response, cancellationToken);
        return new ApplyResponse(result, response.Headers.ETag?.ToString());
    }

    public Task<JobResource> GetJobAsync(string ns, string name, CancellationToken cancellationToken = default) =>
        GetAsync<JobResource>(JobPath(ns, name), cancellationToken);

    /// <summary>The current version's text exactly as it was applied.</summary>
    public Task<string> GetJobSourceAsync(string ns, string name, CancellationToken cancellationToken = default) =>
        GetTextAsync(JobPath(ns, name) + "/source", cancellationToken);

    public Task<Page<JobResource>> ListJobsAsync(string ns, JobListQuery? query = null, CancellationToken cancellationToken = default) =>
        GetAsync<Page<JobResource>>($"api/v1/namespaces/{Escape(ns)}/jobs" + QueryString(query ?? new JobListQuery()), cancellationToken);

    /// <summary>Live jobs of every namespace.</summary>
    public Task<Page<JobResource>> ListAllJobsAsync(JobListQuery? query = null, CancellationToken cancellationToken = default) =>
        GetAsync<Page<JobResource>>("api/v1/jobs" + QueryString(query ?? new JobListQuery()), cancellationToken);

    public Task<Page<JobVersionResource>> ListJobVersionsAsync(
        string ns, string name, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        GetAsync<Page<JobVersionResource>>(JobPath(ns, name) + "/versions" + QueryString(new JobListQuery(Limit: limit, Cursor: cursor)), cancellationToken);

    public Task<JobVersionResource> GetJobVersionAsync(string ns, string name, int version, CancellationToken cancellationToken = default) =>
        GetAsync<JobVersionResource>(VersionPath(ns, name, version), cancellationToken);

    /// <summary>A version's text exactly as it was applied.</summary>
    public Task<string> GetJobVersionSourceAsync(string ns, string name, int version, CancellationToken cancellationToken = default) =>
        GetTextAsync(VersionPath(ns, name, version) + "/source", cancellationToken);

    /// <summary>The Airflow DAG file a job version compiles to.</summary>
    public Task<string> GetDagSourceAsync(string ns, string name, int version, CancellationToken cancellationToken = default) =>
        GetTextAsync(VersionPath(ns, name, version) + "/dag", cancellationToken);

    /// <summary>Whether a job version's DAG was published and parsed by Airflow, and Airflow's import error if any.</summary>
    public Task<DagStatusResource> GetDagStatusAsync(string ns, string name, int version, CancellationToken cancellationToken = default) =>
        GetAsync<DagStatusResource>(VersionPath(ns, name, version) + "/dag/status", cancellationToken);

    public async Task DeleteJobAsync(string ns, string name, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, JobPath(ns, name));
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var _ = await SendAsync(request, cancellationToken);
    }

    /// <summary>Validates a spec without storing it; invalid specs throw with every error in the problem.</summary>
    public async Task<ValidationReport> ValidateAsync(string spec, string mediaType = SpecMediaType.Yaml, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/validate") { Content = SpecContent(spec, mediaType) };
        using var response = await SendAsync(request, cancellationToken);
        return await ReadAsync<ValidationReport>(response, cancellationToken);
    }

    /// <summary>Triggers a run; with an <paramref name="idempotencyKey"/> a repeated request returns the same run.</summary>
    public async Task<RunResource> TriggerRunAsync(
        string ns, string job, TriggerRunRequest? request = null, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, JobPath(ns, job) + "/runs")
        {
            Content = JsonContent.Create(request ?? new TriggerRunRequest(), options: GenieJson.Options),
        };
        if (idempotencyKey is not null)
        {
            message.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        using var response = await SendAsync(message, cancellationToken);
        return await ReadAsync<RunResource>(response, cancellationToken);
    }

    public Task<Page<RunResource>> ListRunsAsync(string ns, RunListQuery? query = null, CancellationToken cancellationToken = default) =>
        GetAsync<Page<RunResource>>($"api/v1/namespaces/{Escape(ns)}/runs" + (query ?? new RunListQuery()).ToQueryString(), cancellationToken);

    /// <summary>A run with its tasks and every attempt.</summary>
    public Task<RunResource> GetRunAsync(string ns, string runId, CancellationToken cancellationToken = default) =>
        GetAsync<RunResource>(RunPath(ns, runId), cancellationToken);

    public Task<RunResource> CancelRunAsync(string ns, string runId, CancellationToken cancellationToken = default) =>
        PostAsync<RunResource>(RunPath(ns, runId) + "/cancel", null, cancellationToken);

    public Task<RunResource> SuspendRunAsync(string ns, string runId, CancellationToken cancellationToken = default) =>
        PostAsync<RunResource>(RunPath(ns, runId) + "/suspend", null, cancellationToken);

    public Task<RunResource> ResumeRunAsync(string ns, string runId, CancellationToken cancellationToken = default) =>
        PostAsync<RunResource>(RunPath(ns, runId) + "/resume", null, cancellationToken);

    /// <summary>Runs the failed tasks (<c>failed</c>) or every task (<c>all</c>) of a finished run again.</summary>
    public Task<RunResource> RetryRunAsync(string ns, string runId, string mode = "failed", CancellationToken cancellationToken = default) =>
        PostAsync<RunResource>(RunPath(ns, runId) + "/retry", new RetryRunRequest(mode), cancellationToken);

    /// <summary>A task attempt's log: a byte range from <paramref name="offset"/>, or the last <paramref name="tail"/> lines.</summary>
    public Task<string> GetTaskLogAsync(
        string ns, string runId, string task, int replica = 0, int? attempt = null, long? offset = null, int? tail = null,
        CancellationToken cancellationToken = default) =>
        GetTextAsync(LogPath(ns, runId, task, replica, attempt) + (offset is null ? "" : $"&offset={offset}") + (tail is null ? "" : $"&tail={tail}"), cancellationToken);

    /// <summary>Streams a task attempt's log until the attempt ends.</summary>
    public async IAsyncEnumerable<string> FollowTaskLogAsync(
        string ns, string runId, string task, int replica = 0, int? attempt = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, LogPath(ns, runId, task, replica, attempt) + "&follow=true");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new GenieApiException((int)response.StatusCode, await ReadProblemAsync(response, cancellationToken));
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            yield return line;
        }
    }

    /// <summary>A job's schedule: cron, zone, paused or not, and the next fire times.</summary>
    public Task<ScheduleResource> GetScheduleAsync(string ns, string job, CancellationToken cancellationToken = default) =>
        GetAsync<ScheduleResource>(SchedulePath(ns, job), cancellationToken);

    /// <summary>Stops a job's schedule from firing until it is resumed; applying the job again keeps it paused.</summary>
    public Task<ScheduleResource> PauseScheduleAsync(string ns, string job, CancellationToken cancellationToken = default) =>
        PostAsync<ScheduleResource>(SchedulePath(ns, job) + "/pause", null, cancellationToken);

    public Task<ScheduleResource> ResumeScheduleAsync(string ns, string job, CancellationToken cancellationToken = default) =>
        PostAsync<ScheduleResource>(SchedulePath(ns, job) + "/resume", null, cancellationToken);

    /// <summary>The housekeeping jobs with their last run and outcome.</summary>
    public Task<IReadOnlyList<HousekeepingTaskResource>> ListHousekeepingAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<HousekeepingTaskResource>>("api/v1/housekeeping", cancellationToken);

    /// <summary>Runs one housekeeping job now and returns it with the outcome of that run.</summary>
    public Task<HousekeepingTaskResource> RunHousekeepingAsync(string name, CancellationToken cancellationToken = default) =>
        PostAsync<HousekeepingTaskResource>($"api/v1/housekeeping/{Escape(name)}/run", null, cancellationToken);

    public Task<HealthReport> GetHealthAsync(CancellationToken cancellationToken = default) =>
        GetAsync<HealthReport>("healthz", cancellationToken);

    public Task<HealthReport> GetReadinessAsync(CancellationToken cancellationToken = default) =>
        GetAsync<HealthReport>("readyz", cancellationToken);

    private static string SchedulePath(string ns, string job) => $"api/v1/namespaces/{Escape(ns)}/jobs/{Escape(job)}/schedule";

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: GenieJson.Options),
        };
        using var response = await SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<string> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendAsync(request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new GenieApiException((int)response.StatusCode, await ReadProblemAsync(response, cancellationToken));
        }
    }

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<ApiProblem>(body, GenieJson.Options) ?? Fallback();
        }
        catch (JsonException)
        {
            return Fallback();
        }

        ApiProblem Fallback() => new(null, response.ReasonPhrase, (int)response.StatusCode, body.Length > 500 ? body[..500] : body, null, null);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(GenieJson.Options, cancellationToken)
        ?? throw new GenieApiException((int)response.StatusCode, new ApiProblem(null, "Empty response", (int)response.StatusCode, null, null, null));

    private static StringContent SpecContent(string spec, string mediaType) =>
        new(spec, Encoding.UTF8, new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" });

    private static string JobPath(string ns, string name) => $"api/v1/namespaces/{Escape(ns)}/jobs/{Escape(name)}";

    private static string VersionPath(string ns, string name, int version) =>
        JobPath(ns, name) + "/versions/" + version.ToString(CultureInfo.InvariantCulture);

    private static string RunPath(string ns, string runId) => $"api/v1/namespaces/{Escape(ns)}/runs/{Escape(runId)}";

    private static string LogPath(string ns, string runId, string task, int replica, int? attempt) =>
        RunPath(ns, runId) + $"/tasks/{Escape(task)}/logs?replica={replica.ToString(CultureInfo.InvariantCulture)}" +
        (attempt is null ? "" : "&attempt=" + attempt.Value.ToString(CultureInfo.InvariantCulture));

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string QueryString(JobListQuery query)
    {
        var pairs = new List<string>();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                pairs.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }

        Add("group", query.Group);
        Add("labelSelector", query.LabelSelector);
        Add("limit", query.Limit?.ToString(CultureInfo.InvariantCulture));
        Add("cursor", query.Cursor);
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }
}
