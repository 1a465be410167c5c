using System.Diagnostics;

namespace Genie.Server.Telemetry;

/// <summary>
/// Genie's own spans (triggers, admission, attempts, Airflow calls), each carrying the run it is about so a tracing UI
/// can find every span of one run by its id.
/// </summary>
public static class GenieActivitySource
{
    public const string Name = "Genie";

    public const string RunIdTag = "genie.run.id";
    public const string NamespaceTag = "genie.namespace";
    public const string JobTag = "genie.job";
    public const string TaskTag = "genie.task";
    public const string ReplicaTag = "genie.task.replica";
    public const string AttemptTag = "genie.attempt";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>
    /// Starts a span about one run. With <paramref name="trace"/> (the run's recorded trigger span) the span joins the
    /// run's trace, so work done later by a background loop shows under the request that triggered it.
    /// </summary>
    public static Activity? StartRunSpan(
        string name, Guid runId, string @namespace, string job, RunTraceContext? trace = null, DateTimeOffset startedAt = default)
    {
        var parent = trace?.ToContext() ?? default;
        var span = Source.StartActivity(name, ActivityKind.Internal, parent, startTime: startedAt);
        span?.SetTag(RunIdTag, runId.ToString());
        span?.SetTag(NamespaceTag, @namespace);
        span?.SetTag(JobTag, job);
        return span;
    }
}
