using System.Net.Http.Headers;
using Polly;
using Polly.Retry;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// The retry and timeout policy of every Airflow call: each attempt gets RequestTimeout; 5xx, 429, connection
/// failures and timeouts are retried up to MaxRetries times with exponential backoff and jitter; a Retry-After from
/// the server (429, 503) replaces the backoff, capped at <see cref="MaxDelay"/>.
/// </summary>
internal static class AirflowResilience
{
    /// <summary>Names the request in the pipeline's context so retries can be logged with it.</summary>
    public static readonly ResiliencePropertyKey<string> RequestName = new("Genie.Airflow.Request");

    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    public static ResiliencePipeline<HttpResponseMessage> Build(AirflowOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                MaxDelay = MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        args.Outcome.Exception,
                        "Airflow call {Request} failed ({Failure}); retry {Retry} of {MaxRetries} in {Delay}",
                        args.Context.Properties.GetValue(RequestName, "?"),
                        args.Outcome.Result is { } response ? $"{(int)response.StatusCode} {response.StatusCode}" : args.Outcome.Exception?.GetType().Name,
                        args.AttemptNumber + 1,
                        options.MaxRetries,
                        args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(options.RequestTimeout).Build();
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome.Exception is { } exception
        ? AirflowTransience.IsTransient(exception)
        : outcome.Result is { } response && AirflowTransience.IsTransient(response.StatusCode);

    /// <summary>The server's Retry-After, when it gave one; null lets the backoff decide.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        RetryConditionHeaderValue? header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return delay is { } wait && wait > TimeSpan.Zero ? (wait < MaxDelay ? wait : MaxDelay) : null;
    }
}
