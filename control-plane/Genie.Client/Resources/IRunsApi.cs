using Genie.Client.Contracts;
using Refit;

namespace Genie.Client.Resources;

/// <summary>Runs under `/api/v1`: trigger, list, read, control, retry and task logs.</summary>
public interface IRunsApi
{
    /// <summary>Triggers a run; with an idempotency key a repeated request returns the same run.</summary>
    [Post("/api/v1/namespaces/{ns}/jobs/{job}/runs")]
    Task<RunResource> TriggerAsync(
        string ns, string job, [Body] TriggerRunRequest request, [Header("Idempotency-Key")] string? idempotencyKey = null,
        CancellationToken cancellationToken = default);

    [Get("/api/v1/namespaces/{ns}/runs")]
    Task<Page<RunResource>> ListAsync(string ns, [Query] RunListQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>A run with its tasks and every attempt.</summary>
    [Get("/api/v1/namespaces/{ns}/runs/{id}")]
    Task<RunResource> GetAsync(string ns, string id, CancellationToken cancellationToken = default);

    /// <summary>The run's webhook notifications, each with every delivery attempt.</summary>
    [Get("/api/v1/namespaces/{ns}/runs/{id}/notifications")]
    Task<IReadOnlyList<NotificationResource>> GetNotificationsAsync(string ns, string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/namespaces/{ns}/runs/{id}/cancel")]
    Task<RunResource> CancelAsync(string ns, string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/namespaces/{ns}/runs/{id}/suspend")]
    Task<RunResource> SuspendAsync(string ns, string id, CancellationToken cancellationToken = default);

    [Post("/api/v1/namespaces/{ns}/runs/{id}/resume")]
    Task<RunResource> ResumeAsync(string ns, string id, CancellationToken cancellationToken = default);

    /// <summary>Runs the failed tasks (<c>failed</c>) or every task (<c>all</c>) of a finished run again.</summary>
    [Post("/api/v1/namespaces/{ns}/runs/{id}/retry")]
    Task<RunResource> RetryAsync(string ns, string id, [Body] RetryRunRequest request, CancellationToken cancellationToken = default);

    /// <summary>A task attempt's log: a byte range from <paramref name="offset"/>, or the last <paramref name="tail"/> lines.</summary>
    [Get("/api/v1/namespaces/{ns}/runs/{id}/tasks/{task}/logs")]
    Task<string> GetTaskLogAsync(
        string ns, string id, string task, int replica = 0, int? attempt = null, long? offset = null, int? tail = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// A task attempt's log followed until the attempt ends; the answer is returned as soon as its headers arrive so
    /// the body can be read while the server still writes it.
    /// </summary>
    [Get("/api/v1/namespaces/{ns}/runs/{id}/tasks/{task}/logs?follow=true")]
    Task<HttpResponseMessage> FollowTaskLogAsync(
        string ns, string id, string task, int replica = 0, int? attempt = null, CancellationToken cancellationToken = default);
}
