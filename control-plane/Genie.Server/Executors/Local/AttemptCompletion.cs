using Genie.Core.Runs;
using Genie.Core.Specs;
using Genie.Server.Runs;
using Genie.Server.Store;

namespace Genie.Server.Executors.Local;

/// <summary>
/// Records how an attempt ended and what its task instance does next: succeed, skip (skipOnExitCodes),
/// retry after the backoff, or fail. An attempt whose instance was cancelled meanwhile is only closed.
/// </summary>
public sealed class AttemptCompletion(RunStore runs, JobPlans plans, RunSignal signal, TimeProvider time)
{
    public async Task RecordAsync(AttemptKey key, ProcessOutcome outcome, CancellationToken cancellationToken)
    {
        await runs.InTransactionAsync(async tx =>
        {
            var run = await runs.LockAsync(tx, key.RunId, cancellationToken);
            if (run is null)
            {
                return false;
            }

            var instance = (await runs.InstancesAsync(tx, key.RunId, cancellationToken))
                .FirstOrDefault(i => i.TaskName == key.Task && i.Replica == key.Replica);
            var current = instance is { TaskState: TaskState.Running } && instance.Attempts == key.Attempt;
            var plan = await plans.GetAsync(run.JobId, run.JobVersion, cancellationToken);
            var (attemptState, change) = current
                ? Decide(plan.Tasks[key.Task], instance!.AttemptInRound(key.Attempt), outcome)
                : ("cancelled", null);
            var closed = await runs.FinishAttemptAsync(tx, key.RunId, key.Task, key.Replica, key.Attempt, attemptState,
                outcome.ExitCode, change is null ? outcome.Reason ?? "the task instance was cancelled" : change.Reason ?? outcome.Reason,
                cancellationToken);
            if (closed && change is not null)
            {
                await runs.SetTaskStateAsync(tx, run, key.Task, key.Replica, change, cancellationToken);
            }

            return closed;
        }, cancellationToken);
        signal.Wake(key.RunId);
    }

    private (string AttemptState, TaskChange Change) Decide(ResolvedTask task, int attemptInRound, ProcessOutcome outcome)
    {
        var code = outcome.ExitCode;
        if (outcome.End == ProcessEnd.Exited && code == 0)
        {
            return ("succeeded", new TaskChange(TaskState.Succeeded, null, 0));
        }

        if (outcome.End == ProcessEnd.Exited && code is { } skipCode && task.Task.SkipOnExitCodes.Contains(skipCode))
        {
            return ("skipped", new TaskChange(TaskState.Skipped, $"exit code {skipCode} is listed in skipOnExitCodes", skipCode));
        }

        if (outcome.End == ProcessEnd.Cancelled)
        {
            return ("cancelled", new TaskChange(TaskState.Cancelled, outcome.Reason, code));
        }

        var why = outcome.End switch
        {
            ProcessEnd.TimedOut => $"timed out after {SpecDuration.Format(task.Task.Timeout ?? TimeSpan.Zero)}",
            ProcessEnd.Exited => $"exit code {code}",
            _ => outcome.Reason ?? "the process could not be started",
        };
        return ("failed", RetryDecision.AfterFailure(task, attemptInRound, why, code, time.GetUtcNow()));
    }
}
