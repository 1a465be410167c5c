namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// `ClearTaskInstancesBody` for "retry the failed tasks of one run". `dry_run` defaults to true on the server, so it is
/// always sent; `dag_run_id` is always sent because without it (and without dates) the clear covers every run of the
/// DAG; `reset_dag_runs` puts the run back to queued so the scheduler picks it up again.
/// </summary>
internal sealed record ClearTaskInstancesBody(string DagRunId, bool DryRun, bool OnlyFailed, bool ResetDagRuns);
