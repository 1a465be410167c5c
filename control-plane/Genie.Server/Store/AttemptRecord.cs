using Genie.Core.Runs;

namespace Genie.Server.Store;

/// <summary>A row of `task_attempts`: one try of one task instance.</summary>
public sealed record AttemptRecord(
    Guid RunId,
    string TaskName,
    int Replica,
    int Attempt,
    string State,
    int? ExitCode,
    string? Reason,
    int? Pid,
    string? Owner,
    string LogPath,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt)
{
    public AttemptState AttemptState => AttemptStates.Parse(State);

    public const string Columns = """
        run_id as runid, task_name as taskname, replica, attempt, state, exit_code as exitcode, reason, pid, owner,
        log_path as logpath, started_at as startedat, finished_at as finishedat
        """;
}
