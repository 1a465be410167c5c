using Genie.Core.Specs;
using Genie.Server.Store;

namespace Genie.Server.Executors.Local;

/// <summary>
/// Runs once when the local executor starts: attempts the database still calls running belong to a previous
/// Genie process. One that finished meanwhile left its exit code file and is recorded as it ended; one whose
/// process still lives is stopped (it can no longer be watched); one whose process vanished is failed.
/// Either way the retry policy then decides, and nothing that finished runs again.
/// </summary>
public sealed class LocalRecovery(RunStore runs, AttemptCompletion completion, ILogger<LocalRecovery> logger)
{
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var attempt in await runs.RunningAttemptsAsync(ExecutorCatalog.NameOf(ExecutorKind.Local), cancellationToken))
        {
            var key = new AttemptKey(attempt.RunId, attempt.TaskName, attempt.Replica, attempt.Attempt);
            var outcome = Inspect(attempt);
            logger.LogWarning("Recovering attempt {Attempt} of {Task}[{Replica}] in run {Run}: {Reason}",
                attempt.Attempt, attempt.TaskName, attempt.Replica, attempt.RunId, outcome.Reason);
            await completion.RecordAsync(key, outcome, cancellationToken);
        }
    }

    private static ProcessOutcome Inspect(AttemptRecord attempt)
    {
        if (ExitCodeFile.TryRead(RunDirectory.ExitCodePath(attempt.LogPath)) is { } code)
        {
            // Children the program started may outlive it; nobody watches them any more.
            if (attempt.Pid is { } group && ProcessGroup.HasMembers(group))
            {
                ProcessGroup.Kill(group);
            }

            return new ProcessOutcome(ProcessEnd.Exited, code, $"finished with exit code {code} while Genie was down");
        }

        if (attempt.Pid is { } pid && ProcessGroup.IsAlive(pid))
        {
            ProcessGroup.Kill(pid);
            return new ProcessOutcome(ProcessEnd.LaunchFailed, null, "Genie restarted while the attempt ran; its process was stopped");
        }

        return new ProcessOutcome(ProcessEnd.LaunchFailed, null, "the attempt's process vanished while Genie was down");
    }
}
