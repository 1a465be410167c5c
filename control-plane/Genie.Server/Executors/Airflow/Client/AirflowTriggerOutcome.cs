namespace Genie.Server.Executors.Airflow.Client;

/// <summary>Whether a trigger created the run or found it already there (the same run id was triggered before).</summary>
public enum AirflowTriggerOutcome
{
    Created,
    AlreadyExists,
}
