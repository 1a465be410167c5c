using Genie.Core.Runs;
using Genie.Core.Specs;
using Genie.Server.Executors;
using Genie.Server.Executors.Airflow;
using Genie.Server.Store;
using Npgsql;

namespace Genie.Server.Runs;

/// <summary>What people do to a run: cancel, suspend, resume and retry. Each locks the run, checks its state, then changes it.</summary>
public sealed class RunControl(RunStore runs, JobPlans plans, RunCancellation cancellation, RunSignal signal)
{
    public Task<RunControlResult> CancelAsync(string ns, Guid runId, CancellationToken cancellationToken) =>
        ChangeAsync(ns, runId, async (tx, run) =>
        {
            if (run.RunState.IsTerminal())
            {
                return $"the run is already {run.State}";
            }

            await cancellation.EndAsync(tx, run, RunState.Cancelled, "cancelled by request", cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>No new task starts while suspended; attempts already running finish.</summary>
    public Task<RunControlResult> SuspendAsync(string ns, Guid runId, CancellationToken cancellationToken) =>
        ChangeAsync(ns, runId, async (tx, run) =>
        {
            if (run.RunState is not (RunState.Queued or RunState.Running))
            {
                return $"only queued or running runs can be suspended; the run is {run.State}";
            }

            if (run.Executor == ExecutorCatalog.NameOf(ExecutorKind.Airflow))
            {
                return "Airflow cannot suspend a single DAG run; cancel the run instead";
            }

            await runs.SetRunStateAsync(tx, run, RunState.Suspended, "suspended by request", cancellationToken);
            return null;
        }, cancellationToken);

    public Task<RunControlResult> ResumeAsync(string ns, Guid runId, CancellationToken cancellationToken) =>
        ChangeAsync(ns, runId, async (tx, run) =>
        {
            if (run.RunState != RunState.Suspended)
            {
                return $"only suspended runs can be resumed; the run is {run.State}";
            }

            // A run suspended before it was admitted goes back through admission and its concurrency check.
            await runs.SetRunStateAsync(tx, run, run.StartedAt is null ? RunState.Queued : RunState.Running, "resumed by request", cancellationToken);
            return null;
        }, cancellationToken);

    /// <summary>
    /// Runs a finished run again under the same id: `failed` resets failed, upstream-failed and cancelled
    /// instances and everything downstream of them; `all` resets every instance. Attempt numbers continue.
    /// </summary>
    public Task<RunControlResult> RetryAsync(string ns, Guid runId, bool all, CancellationToken cancellationToken) =>
        ChangeAsync(ns, runId, async (tx, run) =>
        {
            if (run.RunState is not (RunState.Failed or RunState.Cancelled) && !(all && run.RunState == RunState.Succeeded))
            {
                return $"only failed or cancelled runs can be retried (succeeded ones with mode `all`); the run is {run.State}";
            }

            if (all && run.Executor == ExecutorCatalog.NameOf(ExecutorKind.Airflow))
            {
                return "Airflow re-runs the failed tasks of a DAG run only; use mode `failed`, or trigger a new run";
            }

            var instances = await runs.InstancesAsync(tx, run.Id, cancellationToken);
            var plan = await plans.GetAsync(run.JobId, run.JobVersion, cancellationToken);
            var failedTasks = instances
                .Where(i => i.TaskState is TaskState.Failed or TaskState.UpstreamFailed or TaskState.Cancelled)
                .Select(i => i.TaskName)
                .ToHashSet();
            var reset = all
                ? instances.Select(i => i.TaskName).ToHashSet()
                : failedTasks.Concat(failedTasks.SelectMany(plan.Graph.Descendants)).ToHashSet();
            foreach (var instance in instances.Where(i => reset.Contains(i.TaskName)))
            {
                await runs.SetTaskStateAsync(tx, run, instance.TaskName, instance.Replica, new TaskChange(TaskState.Pending, "retry requested"), cancellationToken);
            }

            await runs.InsertInstancesAsync(tx, run.Id, plan.Instances(), cancellationToken);
            await AirflowRunStore.RequestClearAsync(tx, run.Id, "failed", cancellationToken);
            await runs.SetRunStateAsync(tx, run, RunState.Queued, all ? "retry of all tasks" : "retry of failed tasks", cancellationToken);
            return null;
        }, cancellationToken);

    private async Task<RunControlResult> ChangeAsync(
        string ns, Guid runId, Func<NpgsqlTransaction, RunRecord, Task<string?>> change, CancellationToken cancellationToken)
    {
        var result = await runs.InTransactionAsync(async tx =>
        {
            var run = await runs.LockAsync(tx, runId, cancellationToken);
            if (run is null || run.Namespace != ns)
            {
                return RunControlResult.NotFound;
            }

            var conflict = await change(tx, run);
            return new RunControlResult(conflict is null ? await runs.LockAsync(tx, runId, cancellationToken) : run, conflict);
        }, cancellationToken);
        if (result.Run is not null && result.Conflict is null)
        {
            // Named, so the executor advances this run at once instead of at its next sweep; and a look at
            // everything, since a cancel can free a concurrency slot and a retry queues the run for admission.
            signal.Wake(runId);
            signal.Wake();
        }

        return result;
    }
}
