using Dapper;
using Genie.Core.Runs;
using Genie.Server.Store;
using Npgsql;

namespace Genie.Server.Runs;

/// <summary>
/// Ends a run and everything in it that is not finished, within the caller's transaction: its unfinished
/// task instances and its live child runs. Executors stop the processes of cancelled instances when woken.
/// </summary>
public sealed class RunCancellation(RunStore runs)
{
    /// <summary>Ends a locked, live run in <paramref name="outcome"/> (cancelled, or failed for a timeout).</summary>
    public async Task EndAsync(NpgsqlTransaction tx, RunRecord run, RunState outcome, string reason, CancellationToken cancellationToken)
    {
        foreach (var instance in await runs.InstancesAsync(tx, run.Id, cancellationToken))
        {
            if (!instance.TaskState.IsTerminal())
            {
                await runs.SetTaskStateAsync(tx, run, instance.TaskName, instance.Replica, new TaskChange(TaskState.Cancelled, reason), cancellationToken);
            }
        }

        await runs.SetRunStateAsync(tx, run, outcome, reason, cancellationToken);

        var children = await tx.Connection!.QueryAsync<Guid>(new CommandDefinition(
            "select id from runs where parent_run_id = @Id and state in ('queued', 'running', 'suspended')",
            new { run.Id }, tx, cancellationToken: cancellationToken));
        foreach (var childId in children)
        {
            var child = await runs.LockAsync(tx, childId, cancellationToken);
            if (child is not null && !child.RunState.IsTerminal())
            {
                await EndAsync(tx, child, RunState.Cancelled, $"parent run {run.Id} ended: {reason}", cancellationToken);
            }
        }
    }
}
