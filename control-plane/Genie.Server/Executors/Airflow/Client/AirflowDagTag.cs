namespace Genie.Server.Executors.Airflow.Client;

/// <summary>One tag of a DAG (`DagTagResponse`).</summary>
public sealed record AirflowDagTag
{
    public string Name { get; init; } = "";
}
