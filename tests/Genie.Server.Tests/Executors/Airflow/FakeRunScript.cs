namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// What one fake DAG run does: its tasks, and optionally the run state once every task instance has finished (a DAG
/// whose final state is decided by a leaf task can end success with failed tasks; by default any failed or
/// upstream_failed instance makes the run failed).
/// </summary>
public sealed record FakeRunScript(IReadOnlyList<FakeTask> Tasks)
{
    public string? FinalState { get; init; }

    public static FakeRunScript Of(params FakeTask[] tasks) => new(tasks);
}
