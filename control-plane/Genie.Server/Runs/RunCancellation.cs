using Genie.Core.Runs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;

namespace Genie.Server.Runs;

/// <summary>
/// Ends a run and everything in it that is not finished, within the caller's transaction: its unfinished
/// task instances and its live child runs. Executors stop the processes of cancelled instances when woken.
/// </summary>
public sealed class RunCancellation(RunStore runs, TaskInstanceStore instances)
{
    /// <summary>Ends a locked, live run in <paramref name="outcome"/> (cancelled, or failed for a timeout).</summary>
    public async Task EndAsync(StateTransaction tx, RunRecord run, RunState outcome, string reason, CancellationToken cancellationToken)
    {
        foreach (var instance in await instances.ListAsync(tx.Transaction, run.Id, cancellationToken))
        {
            if (!instance.TaskState.IsTerminal())
            {
                await tx.MoveTaskAsync(run, instance.TaskName, instance.Replica, new TaskChange(TaskState.Cancelled, reason), cancellationToken);
            }
        }

        await tx.MoveRunAsync(run, outcome, reason, cancellationToken);

        foreach (var childId in await runs.LiveChildrenAsync(tx.Transaction, run.Id, cancellationToken))
        {
            var child = await runs.LockAsync(tx.Transaction, childId, cancellationToken);
            if (child is not null && !child.RunState.IsTerminal())
            {
                await EndAsync(tx, child, RunState.Cancelled, $"parent run {run.Id} ended: {reason}", cancellationToken);
            }
        }
    }
}
