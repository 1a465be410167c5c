namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// The task graph of a published DAG file as airflow/tools/dag_graph.py reads it, rendered for one run's conf:
/// what the fake's scheduler runs. Tasks come in file order, which is topological.
/// </summary>
public sealed record FakeDagGraph(string DagId, IReadOnlyList<FakeGraphTask> Tasks)
{
    /// <summary>A file-less DAG (published by a test without a file): no tasks, so each run succeeds at once.</summary>
    public static FakeDagGraph Empty(string dagId) => new(dagId, []);

    /// <summary>Whether a run's conf changes the graph: only gates and child triggers render templates.</summary>
    public bool IsTemplated => Tasks.Any(task => task.Gate is not null || task.Trigger is not null);

    /// <summary>Airflow's leaves: tasks nothing depends on; their states decide the run's.</summary>
    public bool IsLeaf(string taskId) => !Tasks.Any(task => task.Upstream.Contains(taskId));
}
