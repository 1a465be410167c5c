using Genie.Core.Events;
using Genie.Core.Runs;
using Genie.Core.Specs;
using Genie.Server.Runs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;
using Genie.Server.Telemetry;

namespace Genie.Server.Executors.Local;

/// <summary>
/// Records how an attempt ended and what its task instance does next: succeed, skip (skipOnExitCodes),
/// retry after the backoff, or fail. An attempt whose instance was cancelled meanwhile is only closed.
/// </summary>
public sealed class AttemptCompletion(
    StateChanger changer, RunStore runs, TaskInstanceStore instances, JobPlans plans, TimeProvider time)
{
    /// <summary>Records the end in a transaction of its own; the effects (waking the run) are left to the caller.</summary>
    public async Task<StateEffects> RecordAsync(AttemptKey key, ProcessOutcome outcome, CancellationToken cancellationToken)
    {
        var (_, effects) = await changer.RunDeferredAsync(Actors.Executor, async tx =>
            await runs.LockAsync(tx.Transaction, key.RunId, cancellationToken) is { } run && await RecordAsync(tx, run, key, outcome, cancellationToken),
            cancellationToken);
        return effects;
    }

    /// <summary>
    /// Records the end inside <paramref name="tx"/>, which holds the run's row lock; false when the attempt had already ended.
    /// <paramref name="advancedInThisTransaction"/>: the caller moves the run on before commit, so it needs no wake-up;
    /// <paramref name="pid"/>: the process group the attempt ran as, kept with its end.
    /// </summary>
    public async Task<bool> RecordAsync(
        StateTransaction tx, RunRecord run, AttemptKey key, ProcessOutcome outcome, CancellationToken cancellationToken,
        bool advancedInThisTransaction = false, int? pid = null)
    {
        using var span = GenieActivitySource.StartRunSpan("genie.attempt.end", run.Id, run.Namespace, run.JobName, run.TraceContext());
        span?.SetTag(GenieActivitySource.TaskTag, key.Task);
        span?.SetTag(GenieActivitySource.ReplicaTag, key.Replica);
        span?.SetTag(GenieActivitySource.AttemptTag, key.Attempt);
        span?.SetTag("genie.attempt.exit_code", outcome.ExitCode);
        var instance = await instances.GetAsync(tx.Transaction, key.RunId, key.Task, key.Replica, cancellationToken);
        var current = instance is { TaskState: TaskState.Running } && instance.Attempts == key.Attempt;
        var plan = await plans.GetAsync(run.JobId, run.JobVersion, cancellationToken);
        var (attemptState, change) = current
            ? Decide(plan.Tasks[key.Task], instance!.AttemptInRound(key.Attempt), outcome)
            : (AttemptState.Cancelled, null);
        var closed = await tx.FinishAttemptAsync(run, key, attemptState, outcome.ExitCode,
            change is null ? outcome.Reason ?? "the task instance was cancelled" : change.Reason ?? outcome.Reason, cancellationToken,
            pid: pid, advancedInThisTransaction: advancedInThisTransaction);
        span?.SetTag("genie.attempt.state", attemptState.ToWire());
        if (closed && change is not null)
        {
            await tx.MoveTaskAsync(run, key.Task, key.Replica, change, cancellationToken);
        }

        return closed;
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
