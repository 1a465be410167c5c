using System.Text.Json.Serialization;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>Airflow's `DagRunState`; success and failed are terminal.</summary>
[JsonConverter(typeof(AirflowStateConverter<AirflowDagRunState>))]
public enum AirflowDagRunState
{
    /// <summary>A value this client does not know (a newer Airflow); treat it as not finished.</summary>
    Unknown = 0,
    Queued,
    Running,
    Success,
    Failed,
}
