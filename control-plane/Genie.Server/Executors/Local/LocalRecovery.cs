using Genie.Server.Runs.Transitions;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Executors.Local;

/// <summary>
/// Settles local attempts the database still calls running but no live replica watches: at start, those of this
/// replica's previous life; at every heartbeat, those of replicas whose heartbeat stopped. A live replica's attempts
/// are never touched. An attempt that finished meanwhile left its exit code file and is recorded as it ended; one whose
/// process still lives is stopped (nobody can watch it any more); one whose process vanished, or that ran on another
/// host, is failed. Either way the retry policy then decides, and nothing that finished runs again.
/// </summary>
public sealed class LocalRecovery(
    AttemptStore attempts,
    AttemptCompletion completion,
    StateChanger changer,
    LocalReplica replica,
    IOptions<LocalExecutorOptions> options,
    TimeProvider time,
    ILogger<LocalRecovery> logger)
{
    private static readonly string Executor = ExecutorCatalog.NameOf(Core.Specs.ExecutorKind.Local);

    /// <summary>Settles orphaned attempts; with <paramref name="ownToo"/> (at start) this replica's earlier ones as well.</summary>
    public async Task<int> RecoverAsync(bool ownToo, CancellationToken cancellationToken)
    {
        var deadBefore = time.GetUtcNow() - options.Value.ReplicaTimeout;
        var settled = 0;
        foreach (var (attempt, host) in await attempts.OrphanedAsync(Executor, replica.Id, deadBefore, cancellationToken))
        {
            var own = attempt.Owner is null || attempt.Owner == replica.Id;
            if (own && !ownToo)
            {
                continue;
            }

            var key = new AttemptKey(attempt.RunId, attempt.TaskName, attempt.Replica, attempt.Attempt);
            var outcome = own || host == replica.Host
                ? Inspect(attempt)
                : new ProcessOutcome(ProcessEnd.LaunchFailed, null, $"replica {attempt.Owner} on {host ?? "an unknown host"} stopped while the attempt ran");
            logger.LogWarning("Recovering attempt {Attempt} of {Task}[{Replica}] in run {Run} (owner {Owner}): {Reason}",
                attempt.Attempt, attempt.TaskName, attempt.Replica, attempt.RunId, attempt.Owner ?? "none", outcome.Reason);
            changer.Apply(await completion.RecordAsync(key, outcome, cancellationToken));
            settled++;
        }

        return settled;
    }

    private static ProcessOutcome Inspect(AttemptRecord attempt)
    {
        var exitCodePath = RunDirectory.ExitCodePath(attempt.LogPath);
        var group = attempt.Pid ?? PidFile.TryRead(PidFile.PathFor(exitCodePath));
        if (ExitCodeFile.TryRead(exitCodePath) is { } code)
        {
            // Children the program started may outlive it; nobody watches them any more.
            if (group is { } leftover && ProcessGroup.HasMembers(leftover))
            {
                ProcessGroup.Kill(leftover);
            }

            return new ProcessOutcome(ProcessEnd.Exited, code, $"finished with exit code {code} while Genie was down");
        }

        if (group is { } pid && ProcessGroup.IsAlive(pid))
        {
            ProcessGroup.Kill(pid);
            return new ProcessOutcome(ProcessEnd.LaunchFailed, null, "Genie restarted while the attempt ran; its process was stopped");
        }

        return new ProcessOutcome(ProcessEnd.LaunchFailed, null, "the attempt's process vanished while Genie was down");
    }
}
