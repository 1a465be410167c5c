namespace Genie.Server.Executors.Airflow.Client;

/// <summary>The answer to a trigger: the run with the requested id, new or existing. A repeated trigger is not an error.</summary>
public sealed record AirflowTriggerResult(AirflowTriggerOutcome Outcome, AirflowDagRun Run);

/// <summary>Whether a trigger created the run or found it already there (the same run id was triggered before).</summary>
public enum AirflowTriggerOutcome
{
    Created,
    AlreadyExists,
}
