using System.Text.Json.Serialization;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>Airflow's `TaskInstanceState`. A task instance with no state yet has a null state, not a member of this enum.</summary>
[JsonConverter(typeof(AirflowStateConverter<AirflowTaskState>))]
public enum AirflowTaskState
{
    /// <summary>A value this client does not know (a newer Airflow); treat it as not finished.</summary>
    Unknown = 0,
    Removed,
    Scheduled,
    Queued,
    Running,
    Success,
    Restarting,
    Failed,
    UpForRetry,
    UpForReschedule,
    UpstreamFailed,
    Skipped,
    Deferred,
}
