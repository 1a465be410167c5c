using Genie.Core.Events;
using Genie.Core.Runs;
using Genie.Core.Specs;
using Genie.Server.Runs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;

namespace Genie.Server.Executors.Local;

/// <summary>
/// Records how an attempt ended and what its task instance does next: succeed, skip (skipOnExitCodes),
/// retry after the backoff, or fail. An attempt whose instance was cancelled meanwhile is only closed.
/// </summary>
public sealed class AttemptCompletion(
    StateChanger changer, RunStore runs, TaskInstanceStore instances, JobPlans plans, TimeProvider time)
{
    /// <summary>Records the end; the effects (waking the run) are left to the caller, which may have a slot to free first.</summary>
    public async Task<StateEffects> RecordAsync(AttemptKey key, ProcessOutcome outcome, CancellationToken cancellationToken)
    {
        var (_, effects) = await changer.RunDeferredAsync(Actors.Executor, async tx =>
        {
            var run = await runs.LockAsync(tx.Transaction, key.RunId, cancellationToken);
            if (run is null)
            {
                return false;
            }

            var instance = await instances.GetAsync(tx.Transaction, key.RunId, key.Task, key.Replica, cancellationToken);
            var current = instance is { TaskState: TaskState.Running } && instance.Attempts == key.Attempt;
            var plan = await plans.GetAsync(run.JobId, run.JobVersion, cancellationToken);
            var (attemptState, change) = current
                ? Decide(plan.Tasks[key.Task], instance!.AttemptInRound(key.Attempt), outcome)
                : (AttemptState.Cancelled, null);
            var closed = await tx.FinishAttemptAsync(run, key, attemptState, outcome.ExitCode,
                change is null ? outcome.Reason ?? "the task instance was cancelled" : change.Reason ?? outcome.Reason, cancellationToken);
            if (closed && change is not null)
            {
                await tx.MoveTaskAsync(run, key.Task, key.Replica, change, cancellationToken);
            }

            return closed;
        }, cancellationToken);
        return effects;
    }

    private (AttemptState AttemptState, TaskChange Change) Decide(ResolvedTask task, int attemptInRound, ProcessOutcome outcome)
    {
        var code = outcome.ExitCode;
        if (outcome.End == ProcessEnd.Exited && code == 0)
        {
            return (AttemptState.Succeeded, new TaskChange(TaskState.Succeeded, null, 0));
        }

        if (outcome.End == ProcessEnd.Exited && code is { } skipCode && task.Task.SkipOnExitCodes.Contains(skipCode))
        {
            return (AttemptState.Skipped, new TaskChange(TaskState.Skipped, $"exit code {skipCode} is listed in skipOnExitCodes", skipCode));
        }

        if (outcome.End == ProcessEnd.Cancelled)
        {
            return (AttemptState.Cancelled, new TaskChange(TaskState.Cancelled, outcome.Reason, code));
        }

        var why = outcome.End switch
        {
            ProcessEnd.TimedOut => $"timed out after {SpecDuration.Format(task.Task.Timeout ?? TimeSpan.Zero)}",
            ProcessEnd.Exited => $"exit code {code}",
            _ => outcome.Reason ?? "the process could not be started",
        };
        return (AttemptState.Failed, RetryDecision.AfterFailure(task, attemptInRound, why, code, time.GetUtcNow()));
    }
}
