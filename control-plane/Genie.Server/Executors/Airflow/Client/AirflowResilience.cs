using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// Fits the standard resilience handler to Airflow. Each attempt gets RequestTimeout; 5xx, 408, 429, connection
/// failures and attempt timeouts are retried up to MaxRetries times with exponential backoff and jitter, and a
/// Retry-After from the server (429, 503) replaces the backoff. Every method is retried, POST included: a repeated
/// trigger carries the same `dag_run_id` (Airflow answers 409, which the client reads as "already there"), and a
/// repeated clear or PATCH asks for the same end state.
/// </summary>
internal static class AirflowResilience
{
    /// <summary>Counts the retries of one call in its resilience context, so the failure can say how many attempts it made.</summary>
    public static readonly ResiliencePropertyKey<int> Retries = new("Genie.Airflow.Retries");

    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public static void Configure(HttpStandardResilienceOptions standard, AirflowOptions options)
    {
        standard.AttemptTimeout.Timeout = options.RequestTimeout;

        // Polly wants at least one retry configured; zero retries is "never handle".
        standard.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetries);
        if (options.MaxRetries == 0)
        {
            standard.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
        }

        standard.Retry.Delay = options.RetryBaseDelay;
        standard.Retry.BackoffType = DelayBackoffType.Exponential;
        standard.Retry.UseJitter = true;
        standard.Retry.MaxDelay = MaxDelay;
        standard.Retry.OnRetry = args =>
        {
            args.Context.Properties.Set(Retries, args.AttemptNumber + 1);
            return ValueTask.CompletedTask;
        };

        // The whole call may use every attempt and every backoff; the outer timeout only stops a call that would not end.
        var attempts = options.MaxRetries + 1;
        standard.TotalRequestTimeout.Timeout = options.RequestTimeout * attempts + MaxDelay * options.MaxRetries;

        // The breaker must watch at least two attempts' worth of time; it opens only on a sustained failure rate.
        var sampling = options.RequestTimeout * 2;
        if (standard.CircuitBreaker.SamplingDuration < sampling)
        {
            standard.CircuitBreaker.SamplingDuration = sampling;
        }
    }

    /// <summary>Answers that mean Airflow is down, overloaded or slow (what the standard retry handles), not a refusal.</summary>
    public static bool IsOutage(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    /// <summary>Failures that mean Airflow is away rather than refusing the request; a cancellation by the caller is neither.</summary>
    public static bool IsOutage(Exception exception) =>
        exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException;
}
