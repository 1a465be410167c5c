using Genie.Client.Contracts;

namespace Genie.Portal.Runs;

/// <summary>Where a run can be looked at outside Genie: its trace in a tracing UI and its DAG run in Airflow's UI.</summary>
public static class RunLinkTargets
{
    /// <summary>
    /// The server's link to the run's trace when it names a tracing UI, else the portal's own
    /// <see cref="PortalOptions.TraceUrlTemplate"/>; null when neither is set or the run has no trace.
    /// </summary>
    public static string? Trace(RunResource run, PortalOptions options) =>
        run.TraceUrl
        ?? (string.IsNullOrWhiteSpace(options.TraceUrlTemplate) || run.TraceId is null
            ? null
            : options.TraceUrlTemplate.Replace("{traceId}", Uri.EscapeDataString(run.TraceId), StringComparison.Ordinal));

    /// <summary>The DAG run's page in the Airflow 3 UI (`/dags/{dag_id}/runs/{dag_run_id}`; Genie triggers with the run id as dag_run_id).</summary>
    public static Uri AirflowDagRun(Uri airflowUi, string dagId, string runId) =>
        new($"{airflowUi.ToString().TrimEnd('/')}/dags/{Uri.EscapeDataString(dagId)}/runs/{Uri.EscapeDataString(runId)}");
}
