namespace Genie.Server.Executors.Airflow.Client;

/// <summary>The answer to a trigger: the run with the requested id, new or existing. A repeated trigger is not an error.</summary>
public sealed record AirflowTriggerResult(AirflowTriggerOutcome Outcome, AirflowDagRun Run);
