using System.Diagnostics;
using Genie.Server.Telemetry;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// A span around one call about one Airflow run: the HTTP spans beneath it show the requests (retries included), this one
/// names what Genie asked and for which run, since `dag_run_id` is Genie's run id.
/// </summary>
internal static class AirflowSpan
{
    public static Activity? Start(string operation, string dagId, string dagRunId)
    {
        var span = GenieActivitySource.Source.StartActivity("airflow." + operation, ActivityKind.Internal);
        span?.SetTag("airflow.operation", operation);
        span?.SetTag("airflow.dag_id", dagId);
        span?.SetTag(GenieActivitySource.RunIdTag, dagRunId);
        return span;
    }
}
