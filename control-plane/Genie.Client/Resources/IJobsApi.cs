using Genie.Client.Contracts;
using Refit;

namespace Genie.Client.Resources;

/// <summary>Jobs under `/api/v1`: apply, read, list, delete, their versions, the compiled DAG and validation.</summary>
public interface IJobsApi
{
    /// <summary>
    /// Applies a spec whose body carries its own media type (YAML or JSON). The whole answer comes back, unchecked,
    /// because its ETag header (the new version's) matters as much as its <see cref="ApplyResult"/> body. A
    /// <c>source</c> marks the job as managed by that source (what a prune of the source may delete).
    /// </summary>
    [Put("/api/v1/namespaces/{ns}/jobs/{name}")]
    Task<HttpResponseMessage> ApplyAsync(
        string ns, string name, [Body] HttpContent spec,
        [Header("If-Match")] string? ifMatch = null, [Header("If-None-Match")] string? ifNoneMatch = null, bool? dryRun = null,
        string? source = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/namespaces/{ns}/jobs/{name}")]
    Task<JobResource> GetAsync(string ns, string name, CancellationToken cancellationToken = default);

    /// <summary>The current version's text exactly as it was applied.</summary>
    [Get("/api/v1/namespaces/{ns}/jobs/{name}/source")]
    Task<string> GetSourceAsync(string ns, string name, CancellationToken cancellationToken = default);

    [Get("/api/v1/namespaces/{ns}/jobs")]
    Task<Page<JobResource>> ListAsync(string ns, [Query] JobListQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Live jobs of every namespace.</summary>
    [Get("/api/v1/jobs")]
    Task<Page<JobResource>> ListAllAsync([Query] JobListQuery? query = null, CancellationToken cancellationToken = default);

    [Delete("/api/v1/namespaces/{ns}/jobs/{name}")]
    Task DeleteAsync(string ns, string name, [Header("If-Match")] string? ifMatch = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/namespaces/{ns}/jobs/{name}/versions")]
    Task<Page<JobVersionResource>> ListVersionsAsync(
        string ns, string name, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/namespaces/{ns}/jobs/{name}/versions/{version}")]
    Task<JobVersionResource> GetVersionAsync(string ns, string name, int version, CancellationToken cancellationToken = default);

    /// <summary>A version's text exactly as it was applied.</summary>
    [Get("/api/v1/namespaces/{ns}/jobs/{name}/versions/{version}/source")]
    Task<string> GetVersionSourceAsync(string ns, string name, int version, CancellationToken cancellationToken = default);

    /// <summary>The Airflow DAG file a job version compiles to.</summary>
    [Get("/api/v1/namespaces/{ns}/jobs/{name}/versions/{version}/dag")]
    Task<string> GetDagSourceAsync(string ns, string name, int version, CancellationToken cancellationToken = default);

    /// <summary>Whether a job version's DAG was published and parsed by Airflow, and Airflow's import error if any.</summary>
    [Get("/api/v1/namespaces/{ns}/jobs/{name}/versions/{version}/dag/status")]
    Task<DagStatusResource> GetDagStatusAsync(string ns, string name, int version, CancellationToken cancellationToken = default);

    /// <summary>The job groups of every namespace the caller may see, with their jobs' latest outcomes.</summary>
    [Get("/api/v1/groups")]
    Task<IReadOnlyList<JobGroupResource>> ListGroupsAsync(CancellationToken cancellationToken = default);

    /// <summary>Triggers every live job of a group with its params' defaults; <paramref name="idempotencyKey"/> makes a repeat return the same runs.</summary>
    [Post("/api/v1/namespaces/{ns}/groups/{group}/runs")]
    Task<GroupTriggerResult> TriggerGroupAsync(
        string ns, string group, [Header("Idempotency-Key")] string? idempotencyKey = null, CancellationToken cancellationToken = default);

    /// <summary>Validates a spec (YAML or JSON, by the body's media type) without storing it.</summary>
    [Post("/api/v1/validate")]
    Task<ValidationReport> ValidateAsync([Body] HttpContent spec, CancellationToken cancellationToken = default);
}
