namespace Genie.Server.Executors.Airflow.Client;

/// <summary>`DAGRunPatchBody` with only the state; `failed` is how Airflow cancels a run.</summary>
internal sealed record DagRunPatchBody(AirflowDagRunState State);
