using Genie.Core.Runs;
using Genie.Server.Executors.Airflow.Client;

namespace Genie.Server.Executors.Airflow;

/// <summary>Airflow's task-instance and DAG-run states in Genie's terms.</summary>
public static class AirflowTaskStates
{
    public static TaskState ToGenie(AirflowTaskState? state) => state switch
    {
        null or AirflowTaskState.Scheduled or AirflowTaskState.Unknown => TaskState.Pending,
        AirflowTaskState.Queued => TaskState.Queued,
        AirflowTaskState.Running or AirflowTaskState.Restarting or AirflowTaskState.Deferred or AirflowTaskState.UpForReschedule => TaskState.Running,
        AirflowTaskState.UpForRetry => TaskState.Retrying,
        AirflowTaskState.Success => TaskState.Succeeded,
        AirflowTaskState.Failed => TaskState.Failed,
        AirflowTaskState.Skipped => TaskState.Skipped,
        AirflowTaskState.UpstreamFailed => TaskState.UpstreamFailed,
        AirflowTaskState.Removed => TaskState.Cancelled,
        _ => TaskState.Pending,
    };

    public static bool IsTerminal(AirflowDagRunState state) => state is AirflowDagRunState.Success or AirflowDagRunState.Failed;

    /// <summary>The stored form of a DAG-run state (`runs.external_state`).</summary>
    public static string Name(AirflowDagRunState state) => state.ToString().ToLowerInvariant();

    public static bool IsTerminalName(string? stored) => stored is "success" or "failed";
}
