using Genie.Core.Access;
using Genie.Core.Events;
using Genie.Core.Runs;
using Genie.Core.Specs;
using Genie.Server.Runs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;

namespace Genie.Server.Executors.Local;

/// <summary>
/// Moves one running run forward under its row lock: enforces its deadline (suspended runs too), finishes child-job tasks whose
/// child run ended, requeues retries that are due, applies the <see cref="RunPlanner"/> (settling skipped and
/// upstream-failed tasks, queueing ready ones for a slot, triggering child jobs) and ends the run when done.
/// </summary>
public sealed class RunProgression(
    RunStore runs, TaskInstanceStore taskInstances, JobPlans plans, RunTrigger trigger, RunCancellation cancellation,
    TimeProvider time,
    ILogger<RunProgression> logger)
{
    /// <summary>
    /// Advances a run whose row <paramref name="tx"/> has locked, inside that transaction, so a caller that has just changed
    /// the run (admitted it, recorded an attempt's end) moves it on without a transaction and a wake-up of its own.
    /// </summary>
    public async Task<RunProgress> AdvanceAsync(StateTransaction tx, RunRecord run, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginRunScope(run.Id, run.Namespace, run.JobName);
        if (run.RunState is not (RunState.Running or RunState.Suspended))
        {
            return RunProgress.Unchanged;
        }

        var plan = await plans.GetAsync(run.JobId, run.JobVersion, cancellationToken);
        var now = time.GetUtcNow();

        // Suspending stops new tasks, not the clock: the run timeout bounds the whole run, pauses included.
        if (run.Deadline is { } deadline && deadline <= now)
        {
            await cancellation.EndAsync(tx, run, RunState.Failed,
                $"run timed out after {SpecDuration.Format(plan.Definition.Spec.Timeout ?? TimeSpan.Zero)}", cancellationToken);
            return RunProgress.Ended;
        }

        if (run.RunState == RunState.Suspended)
        {
            return RunProgress.Unchanged;
        }

        var parameters = ParamsOf(run, plan);
        var instances = await taskInstances.ListAsync(tx.Transaction, run.Id, cancellationToken);
        var changed = await SettleWaitsAsync(tx, run, plan, parameters, instances, now, cancellationToken);

        // Child-job tasks that do not wait finish as soon as they start, which can make more tasks ready.
        // The first pass plans on the listing above unless settling changed it (one round trip less on every hand-off).
        for (var pass = 0; pass <= plan.Definition.Spec.Tasks.Count; pass++)
        {
            if (pass > 0 || changed)
            {
                instances = await taskInstances.ListAsync(tx.Transaction, run.Id, cancellationToken);
            }

            var next = RunPlanner.Plan(plan.Definition, plan.Graph, parameters, instances.Select(i => i.ToInstance()).ToList());
            foreach (var settle in next.Settle)
            {
                await tx.MoveTaskAsync(run, settle.Task, settle.Replica, new TaskChange(settle.State, settle.Reason), cancellationToken);
            }

            var finishedSynchronously = false;
            foreach (var start in next.Start)
            {
                var task = plan.Tasks[start.Task];
                if (task.Task.Job is not null)
                {
                    var instance = instances.Single(i => i.TaskName == start.Task && i.Replica == start.Replica);
                    var change = await StartChildAsync(tx, run, task, instance, parameters, now, cancellationToken);
                    finishedSynchronously |= change.State.IsTerminal();
                    await tx.MoveTaskAsync(run, start.Task, start.Replica, change, cancellationToken);
                }
                else
                {
                    await tx.MoveTaskAsync(run, start.Task, start.Replica, new TaskChange(TaskState.Queued, "waiting for a slot"), cancellationToken);
                }
            }

            changed |= next.Settle.Count > 0 || next.Start.Count > 0;
            if (next.Outcome is { } outcome)
            {
                await tx.MoveRunAsync(run, outcome, OutcomeReason(outcome, instances, plan), cancellationToken);
                return RunProgress.Ended;
            }

            if (!finishedSynchronously && next.Settle.Count == 0)
            {
                return new RunProgress(changed, WaitingForSlots(plan, instances, next));
            }
        }

        instances = await taskInstances.ListAsync(tx.Transaction, run.Id, cancellationToken);
        return new RunProgress(changed, WaitingForSlots(plan, instances, null));
    }

    /// <summary>The run's instances queued for a slot once <paramref name="last"/> is applied, most important first.</summary>
    private static IReadOnlyList<TaskInstanceRecord> WaitingForSlots(JobPlan plan, IReadOnlyList<TaskInstanceRecord> instances, RunPlan? last)
    {
        var queuedNow = last?.Start.Where(s => plan.Tasks[s.Task].Task.Job is null).Select(s => (s.Task, s.Replica)).ToHashSet() ?? [];
        var settledNow = last?.Settle.Select(s => (s.Task, s.Replica)).ToHashSet() ?? [];
        return instances
            .Where(i => (i.TaskState == TaskState.Queued && !settledNow.Contains((i.TaskName, i.Replica))) || queuedNow.Contains((i.TaskName, i.Replica)))
            .OrderByDescending(i => plan.Tasks[i.TaskName].Priority).ThenBy(i => i.TaskName, StringComparer.Ordinal).ThenBy(i => i.Replica)
            .ToList();
    }

    /// <summary>
    /// Retries whose backoff has passed go back to the slot queue (child-job tasks trigger their next child run);
    /// child-job tasks follow their child run, and stop it when it outlives the task's timeout.
    /// </summary>
    private async Task<bool> SettleWaitsAsync(
        StateTransaction tx, RunRecord run, JobPlan plan, IReadOnlyDictionary<string, ParamValue> parameters,
        IReadOnlyList<TaskInstanceRecord> instances, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var instance in instances)
        {
            var task = plan.Tasks[instance.TaskName];
            TaskChange? change = null;
            if (instance.TaskState == TaskState.Retrying && instance.NextAttemptAt <= now)
            {
                change = task.Task.Job is null
                    ? new TaskChange(TaskState.Queued, $"retry due (attempt {instance.Attempts + 1})")
                    : await StartChildAsync(tx, run, task, instance, parameters, now, cancellationToken);
            }
            else if (instance is { TaskState: TaskState.Running, ChildRunId: { } childId })
            {
                change = await FollowChildAsync(tx, run, task, instance, childId, now, cancellationToken);
            }

            if (change is not null)
            {
                await tx.MoveTaskAsync(run, instance.TaskName, instance.Replica, change, cancellationToken);
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>How a child-job task stands while its child runs: unchanged (null), done, or a failed try.</summary>
    private async Task<TaskChange?> FollowChildAsync(
        StateTransaction tx, RunRecord run, ResolvedTask task, TaskInstanceRecord instance, Guid childId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var child = await runs.GetAsync(childId, cancellationToken);
        if (child is null)
        {
            return null;
        }

        if (child.RunState.IsTerminal())
        {
            var outcome = $"child run {childId} {child.State}" + (child.Reason is null ? "" : $": {child.Reason}");
            return child.RunState == RunState.Succeeded
                ? new TaskChange(TaskState.Succeeded, outcome)
                : RetryDecision.AfterFailure(task, instance.AttemptInRound(instance.Attempts), outcome, null, now);
        }

        // A task's timeout limits each try, here the child run it triggered. The executor's poll notices it.
        if (task.Task.Timeout is { } timeout && child.CreatedAt + timeout <= now)
        {
            var why = $"timed out after {SpecDuration.Format(timeout)}";
            var locked = await runs.LockAsync(tx.Transaction, childId, cancellationToken);
            if (locked is not null && !locked.RunState.IsTerminal())
            {
                await cancellation.EndAsync(tx, locked, RunState.Cancelled, $"parent task {run.Id}/{instance.TaskName} {why}", cancellationToken);
            }

            return RetryDecision.AfterFailure(task, instance.AttemptInRound(instance.Attempts), $"{why} waiting for child run {childId}", null, now);
        }

        return null;
    }

    /// <summary>Triggers the child run that is the next try of a child-job task.</summary>
    private async Task<TaskChange> StartChildAsync(
        StateTransaction tx, RunRecord run, ResolvedTask task, TaskInstanceRecord instance,
        IReadOnlyDictionary<string, ParamValue> parameters, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var child = task.Task.Job!;
        var childNamespace = child.Namespace ?? run.Namespace;
        var attempt = await taskInstances.NextTryAsync(tx.Transaction, instance.RunId, instance.TaskName, instance.Replica, cancellationToken);
        var attemptInRound = instance.AttemptInRound(attempt);

        // A child run acts with its parent's grants; in another namespace they must allow triggering there.
        var grants = await runs.GrantsAsync(tx.Transaction, run.Id, cancellationToken);
        if (childNamespace != run.Namespace && !AccessGrants.FromTexts(grants).Allows(NamespaceRole.Operator, childNamespace))
        {
            return new TaskChange(TaskState.Failed,
                $"child job {childNamespace}/{child.Name} was not triggered: this run may not trigger runs in namespace {childNamespace}");
        }

        var outcome = await trigger.TriggerAsync(tx, new TriggerCommand(
            childNamespace, child.Name, "child",
            TextParams: TaskInvocation.ChildParams(child, parameters),
            IdempotencyKey: $"parent:{run.Id}:{instance.TaskName}:{instance.Replica}:{attempt}",
            ParentRunId: run.Id, ParentTask: instance.TaskName, ParentReplica: instance.Replica, Grants: grants), cancellationToken);
        return outcome.Run switch
        {
            null => RetryDecision.AfterFailure(task, attemptInRound, $"child job {childNamespace}/{child.Name} could not be triggered: " +
                (outcome.Detail ?? string.Join("; ", outcome.Errors.Select(e => $"{e.Path}: {e.Message}"))), null, now),
            { } childRun when !child.Wait => new TaskChange(TaskState.Succeeded, $"triggered child run {childRun.Id}", ChildRunId: childRun.Id),
            { RunState: RunState.Succeeded } childRun => new TaskChange(TaskState.Succeeded, $"child run {childRun.Id} succeeded", ChildRunId: childRun.Id),
            { } childRun when childRun.RunState.IsTerminal() => RetryDecision.AfterFailure(
                task, attemptInRound, $"child run {childRun.Id} {childRun.State}", null, now) with { ChildRunId = childRun.Id },
            { } childRun => new TaskChange(TaskState.Running, $"waiting for child run {childRun.Id}", ChildRunId: childRun.Id),
        };
    }

    private static IReadOnlyDictionary<string, ParamValue> ParamsOf(RunRecord run, JobPlan plan)
    {
        var stored = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(run.Params) ?? [];
        var (values, _) = ParamResolver.FromJson(plan.Definition.Spec.Params, stored);
        return values ?? new Dictionary<string, ParamValue>();
    }

    private static string? OutcomeReason(RunState outcome, IReadOnlyList<TaskInstanceRecord> instances, JobPlan plan)
    {
        if (outcome != RunState.Failed)
        {
            return null;
        }

        // Name the root causes: upstream-failed tasks only follow them, optional failures do not count.
        var failed = instances
            .Where(i => i.TaskState is TaskState.Failed or TaskState.Cancelled && !plan.Tasks[i.TaskName].Task.Optional)
            .Select(i => i.TaskName).Distinct().ToList();
        return failed.Count == 0 ? "a task did not succeed" : "failed task(s): " + string.Join(", ", failed);
    }
}
