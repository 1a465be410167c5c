using Genie.Core.Runs;

namespace Genie.Server.Store;

/// <summary>A row of `run_tasks`: one replica of one task in a run.</summary>
public sealed record TaskInstanceRecord(
    Guid RunId,
    string TaskName,
    int Replica,
    string State,
    string? Reason,
    int Attempts,
    int? ExitCode,
    Guid? ChildRunId,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int RetryBase)
{
    public TaskState TaskState => TaskStates.Parse(State);

    /// <summary>Which attempt of the current round of automatic retries attempt <paramref name="attempt"/> is (see <see cref="RetryBase"/>).</summary>
    public int AttemptInRound(int attempt) => attempt - RetryBase;

    public TaskInstance ToInstance() => new(TaskName, Replica, TaskState);

    public const string Columns = """
        run_id as runid, task_name as taskname, replica, state, reason, attempts, exit_code as exitcode,
        child_run_id as childrunid, next_attempt_at as nextattemptat, started_at as startedat, finished_at as finishedat,
        retry_base as retrybase
        """;
}
