namespace Genie.Server.Executors.Airflow.Client;

/// <summary>One run of a DAG (`DAGRunResponse`).</summary>
public sealed record AirflowDagRun
{
    public string DagRunId { get; init; } = "";

    public string DagId { get; init; } = "";

    public AirflowDagRunState State { get; init; }

    public DateTimeOffset? LogicalDate { get; init; }

    public DateTimeOffset? QueuedAt { get; init; }

    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    public DateTimeOffset? RunAfter { get; init; }

    public string? Note { get; init; }
}
