namespace Genie.Server.Executors.Airflow.Client;

/// <summary>One task instance of a DAG run (`TaskInstanceResponse`); a mapped task has one per map index.</summary>
public sealed record AirflowTaskInstance
{
    public string TaskId { get; init; } = "";

    public string DagId { get; init; } = "";

    public string DagRunId { get; init; } = "";

    /// <summary>−1 for a task that is not mapped; 0.. for the expansions of a mapped task.</summary>
    public int MapIndex { get; init; } = -1;

    /// <summary>Null while the scheduler has not given the task instance a state yet.</summary>
    public AirflowTaskState? State { get; init; }

    /// <summary>The current (latest) attempt, 1 for the first; the key of that attempt's log.</summary>
    public int TryNumber { get; init; }

    public int MaxTries { get; init; }

    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    /// <summary>Seconds the attempt ran, when it has run.</summary>
    public double? Duration { get; init; }

    public string? Hostname { get; init; }
}
