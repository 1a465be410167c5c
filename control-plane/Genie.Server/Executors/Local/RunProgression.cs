using Dapper;
using Genie.Core.Runs;
using Genie.Core.Specs;
using Genie.Server.Runs;
using Genie.Server.Store;
using Npgsql;

namespace Genie.Server.Executors.Local;

/// <summary>
/// Moves one running run forward under its row lock: enforces its deadline (suspended runs too), finishes child-job tasks whose
/// child run ended, requeues retries that are due, applies the <see cref="RunPlanner"/> (settling skipped and
/// upstream-failed tasks, queueing ready ones for a slot, triggering child jobs) and ends the run when done.
/// </summary>
public sealed class RunProgression(
    RunStore runs, JobPlans plans, RunTrigger trigger, RunCancellation cancellation, RunSignal signal, TimeProvider time)
{
    /// <summary>Advances the run; true when it changed anything that may let other work proceed.</summary>
    public async Task<bool> AdvanceAsync(Guid runId, CancellationToken cancellationToken)
    {
        var (changed, finished, finishedChild, startedChildren) = await runs.InTransactionAsync(
            tx => AdvanceAsync(tx, runId, cancellationToken), cancellationToken);
        if (finishedChild is { } parent)
        {
            signal.Wake(parent);
        }

        if (startedChildren || finished)
        {
            // New child runs wait for admission, and a finished run may free a concurrency slot.
            signal.Wake();
        }

        return changed;
    }

    private async Task<(bool Changed, bool Finished, Guid? Parent, bool StartedChildren)> AdvanceAsync(
        NpgsqlTransaction tx, Guid runId, CancellationToken cancellationToken)
    {
        var run = await runs.LockAsync(tx, runId, cancellationToken);
        if (run is null || run.RunState is not (RunState.Running or RunState.Suspended))
        {
            return (false, false, null, false);
        }

        var plan = await plans.GetAsync(run.JobId, run.JobVersion, cancellationToken);
        var now = time.GetUtcNow();

        // Suspending stops new tasks, not the clock: the run timeout bounds the whole run, pauses included.
        if (run.Deadline is { } deadline && deadline <= now.UtcDateTime)
        {
            await cancellation.EndAsync(tx, run, RunState.Failed,
                $"run timed out after {SpecDuration.Format(plan.Definition.Spec.Timeout ?? TimeSpan.Zero)}", cancellationToken);
            return (true, true, run.ParentRunId, false);
        }

        if (run.RunState == RunState.Suspended)
        {
            return (false, false, null, false);
        }

        var parameters = ParamsOf(run, plan);
        var changed = false;
        var startedChildren = false;
        var instances = await runs.InstancesAsync(tx, run.Id, cancellationToken);
        changed |= await SettleWaitsAsync(tx, run, instances, now, cancellationToken);

        // Child-job tasks that do not wait finish as soon as they start, which can make more tasks ready.
        for (var pass = 0; pass <= plan.Definition.Spec.Tasks.Count; pass++)
        {
            instances = await runs.InstancesAsync(tx, run.Id, cancellationToken);
            var next = RunPlanner.Plan(plan.Definition, plan.Graph, parameters, instances.Select(i => i.ToInstance()).ToList());
            foreach (var settle in next.Settle)
            {
                await runs.SetTaskStateAsync(tx, run, settle.Task, settle.Replica, new TaskChange(settle.State, settle.Reason), cancellationToken);
            }

            var finishedSynchronously = false;
            foreach (var start in next.Start)
            {
                var task = plan.Tasks[start.Task];
                if (task.Task.Job is { } child)
                {
                    var change = await StartChildAsync(tx, run, start, child, parameters, cancellationToken);
                    finishedSynchronously |= change.State.IsTerminal();
                    startedChildren = true;
                    await runs.SetTaskStateAsync(tx, run, start.Task, start.Replica, change, cancellationToken);
                }
                else
                {
                    await runs.SetTaskStateAsync(tx, run, start.Task, start.Replica, new TaskChange(TaskState.Queued, "waiting for a slot"), cancellationToken);
                }
            }

            changed |= next.Settle.Count > 0 || next.Start.Count > 0;
            if (next.Outcome is { } outcome)
            {
                await runs.SetRunStateAsync(tx, run, outcome, OutcomeReason(outcome, instances, plan), cancellationToken);
                return (true, true, run.ParentRunId, startedChildren);
            }

            if (!finishedSynchronously && next.Settle.Count == 0)
            {
                break;
            }
        }

        return (changed, false, null, startedChildren);
    }

    /// <summary>Retries whose backoff has passed go back to the slot queue; child-job tasks follow their child run.</summary>
    private async Task<bool> SettleWaitsAsync(
        NpgsqlTransaction tx, RunRecord run, IReadOnlyList<TaskInstanceRecord> instances, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var instance in instances)
        {
            if (instance.TaskState == TaskState.Retrying && instance.NextAttemptAt <= now.UtcDateTime)
            {
                await runs.SetTaskStateAsync(tx, run, instance.TaskName, instance.Replica,
                    new TaskChange(TaskState.Queued, $"retry due (attempt {instance.Attempts + 1})"), cancellationToken);
                changed = true;
            }
            else if (instance is { TaskState: TaskState.Running, ChildRunId: { } childId })
            {
                var child = await runs.GetAsync(childId, cancellationToken);
                if (child is not null && child.RunState.IsTerminal())
                {
                    var succeeded = child.RunState == RunState.Succeeded;
                    await runs.SetTaskStateAsync(tx, run, instance.TaskName, instance.Replica, new TaskChange(
                        succeeded ? TaskState.Succeeded : TaskState.Failed,
                        $"child run {childId} {child.State}" + (child.Reason is null ? "" : $": {child.Reason}")), cancellationToken);
                    changed = true;
                }
            }
        }

        return changed;
    }

    private async Task<TaskChange> StartChildAsync(
        NpgsqlTransaction tx, RunRecord run, TaskInstance start, ChildJobSpec child,
        IReadOnlyDictionary<string, ParamValue> parameters, CancellationToken cancellationToken)
    {
        var outcome = await trigger.TriggerAsync(tx, new TriggerCommand(
            child.Namespace ?? run.Namespace, child.Name, "child",
            TextParams: TaskInvocation.ChildParams(child, parameters),
            IdempotencyKey: $"parent:{run.Id}:{start.Task}:{start.Replica}:{await NextChildNumberAsync(tx, run, start, cancellationToken)}",
            ParentRunId: run.Id, ParentTask: start.Task, ParentReplica: start.Replica), cancellationToken);
        return outcome.Run switch
        {
            null => new TaskChange(TaskState.Failed, $"child job {child.Namespace ?? run.Namespace}/{child.Name} could not be triggered: " +
                (outcome.Detail ?? string.Join("; ", outcome.Errors.Select(e => $"{e.Path}: {e.Message}")))),
            { } childRun when !child.Wait => new TaskChange(TaskState.Succeeded, $"triggered child run {childRun.Id}", ChildRunId: childRun.Id),
            { } childRun when childRun.RunState.IsTerminal() => new TaskChange(
                childRun.RunState == RunState.Succeeded ? TaskState.Succeeded : TaskState.Failed, $"child run {childRun.Id} {childRun.State}", ChildRunId: childRun.Id),
            { } childRun => new TaskChange(TaskState.Running, $"waiting for child run {childRun.Id}", ChildRunId: childRun.Id),
        };
    }

    // A retried parent task triggers a new child run rather than finding the old one by its key.
    private static async Task<long> NextChildNumberAsync(NpgsqlTransaction tx, RunRecord run, TaskInstance start, CancellationToken cancellationToken) =>
        await tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from runs where parent_run_id = @Id and parent_task = @Task and parent_replica = @Replica",
            new { run.Id, start.Task, start.Replica }, tx, cancellationToken: cancellationToken));

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
