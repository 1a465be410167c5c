using Genie.Core.Runs;
using Genie.Server.Executors;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;

namespace Genie.Server.Runs;

/// <summary>
/// What people do to a run: cancel, suspend, resume and retry. Each locks the run, checks its state and what its
/// executor can do, then changes it through the state changer (which wakes the executors after commit).
/// </summary>
public sealed class RunControl(
    StateChanger changer, RunStore runs, TaskInstanceStore instances, JobPlans plans, RunCancellation cancellation, ExecutorCatalog executors)
{
    public Task<RunControlResult> CancelAsync(string ns, Guid runId, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(ns, runId, actor, async (tx, run) =>
        {
            if (run.RunState.IsTerminal())
            {
                return $"the run is already {run.State}";
            }

            await cancellation.EndAsync(tx, run, RunState.Cancelled, "cancelled by request", cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>No new task starts while suspended; attempts already running finish.</summary>
    public Task<RunControlResult> SuspendAsync(string ns, Guid runId, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(ns, runId, actor, async (tx, run) =>
        {
            if (run.RunState is not (RunState.Queued or RunState.Running))
            {
                return $"only queued or running runs can be suspended; the run is {run.State}";
            }

            if (Lacks(run, ExecutorCapabilities.Suspend) is { } refusal)
            {
                return refusal;
            }

            await tx.MoveRunAsync(run, RunState.Suspended, "suspended by request", cancellationToken);
            return null;
        }, cancellationToken);

    public Task<RunControlResult> ResumeAsync(string ns, Guid runId, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(ns, runId, actor, async (tx, run) =>
        {
            if (run.RunState != RunState.Suspended)
            {
                return $"only suspended runs can be resumed; the run is {run.State}";
            }

            // A run suspended before it was admitted goes back through admission and its concurrency check.
            await tx.MoveRunAsync(run, run.StartedAt is null ? RunState.Queued : RunState.Running, "resumed by request", cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>
    /// Runs a finished run again under the same id: `failed` resets failed, upstream-failed and cancelled
    /// instances and everything downstream of them; `all` resets every instance. Attempt numbers continue.
    /// </summary>
    public Task<RunControlResult> RetryAsync(string ns, Guid runId, bool all, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(ns, runId, actor, async (tx, run) =>
        {
            if (run.RunState is not (RunState.Failed or RunState.Cancelled) && !(all && run.RunState == RunState.Succeeded))
            {
                return $"only failed or cancelled runs can be retried (succeeded ones with mode `all`); the run is {run.State}";
            }

            if (all && Lacks(run, ExecutorCapabilities.RetryAll) is { } refusal)
            {
                return refusal;
            }

            var existing = await instances.ListAsync(tx.Transaction, run.Id, cancellationToken);
            var plan = await plans.GetAsync(run.JobId, run.JobVersion, cancellationToken);
            var failedTasks = existing
                .Where(i => i.TaskState is TaskState.Failed or TaskState.UpstreamFailed or TaskState.Cancelled)
                .Select(i => i.TaskName)
                .ToHashSet();
            var reset = all
                ? existing.Select(i => i.TaskName).ToHashSet()
                : failedTasks.Concat(failedTasks.SelectMany(plan.Graph.Descendants)).ToHashSet();
            foreach (var instance in existing.Where(i => reset.Contains(i.TaskName) && i.TaskState != TaskState.Pending))
            {
                await tx.MoveTaskAsync(run, instance.TaskName, instance.Replica, new TaskChange(TaskState.Pending, "retry requested"), cancellationToken);
            }

            await instances.InsertAsync(tx.Transaction, run.Id, plan.Instances(), cancellationToken);
            await tx.MoveRunAsync(run, RunState.Queued, all ? "retry of all tasks" : "retry of failed tasks", cancellationToken);
            if (executors.Find(run.Executor) is { } executor)
            {
                await executor.PrepareRetryAsync(tx, run, all, cancellationToken);
            }

            return null;
        }, cancellationToken);

    /// <summary>Why the run's executor cannot do <paramref name="capability"/>; null when it can.</summary>
    private string? Lacks(RunRecord run, ExecutorCapabilities capability) => executors.Find(run.Executor) switch
    {
        null => $"this server has no `{run.Executor}` executor configured",
        { } executor when !executor.Capabilities.HasFlag(capability) => executor.Refusal(capability),
        _ => null,
    };

    private Task<RunControlResult> ChangeAsync(
        string ns, Guid runId, string actor, Func<StateTransaction, RunRecord, Task<string?>> change, CancellationToken cancellationToken) =>
        changer.RunAsync(actor, async tx =>
        {
            var run = await runs.LockAsync(tx.Transaction, runId, cancellationToken);
            if (run is null || run.Namespace != ns)
            {
                return RunControlResult.NotFound;
            }

            var conflict = await change(tx, run);
            return new RunControlResult(conflict is null ? await runs.LockAsync(tx.Transaction, runId, cancellationToken) : run, conflict);
        }, cancellationToken);
}
