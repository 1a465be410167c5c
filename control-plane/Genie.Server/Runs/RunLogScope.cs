namespace Genie.Server.Runs;

/// <summary>
/// The scope Genie opens wherever it works on one run (or one job's tick), so every log entry written meanwhile, by any
/// component, carries `RunId`, `Job` and `Namespace` as structured fields (the JSON console log prints scopes).
/// Scopes follow the async flow: one opened inside an async method ends for its caller when the method returns.
/// </summary>
public static class RunLogScope
{
    public static IDisposable? BeginRunScope(this ILogger logger, Guid runId, string ns, string job) =>
        logger.BeginScope(new Dictionary<string, object> { ["RunId"] = runId.ToString(), ["Job"] = job, ["Namespace"] = ns });

    /// <summary>A job's work before a run exists (a schedule tick deciding whether to trigger).</summary>
    public static IDisposable? BeginJobScope(this ILogger logger, string ns, string job) =>
        logger.BeginScope(new Dictionary<string, object> { ["Job"] = job, ["Namespace"] = ns });
}
