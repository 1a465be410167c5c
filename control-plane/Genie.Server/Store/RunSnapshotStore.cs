using System.Data;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>
/// Reads a run, its instances and its attempts in one repeatable-read snapshot. Read one after the other on separate
/// connections, a run admitted in between showed `queued` beside tasks already running (admission starts the first tasks
/// in the transaction that admits the run).
/// </summary>
public sealed class RunSnapshotStore(NpgsqlDataSource dataSource, RunStore runs, TaskInstanceStore instances, AttemptStore attempts)
{
    /// <summary>The run as of one moment, or null when there is no such run.</summary>
    public async Task<RunSnapshot?> ReadAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        if (await runs.GetAsync(connection, runId, cancellationToken, tx) is not { } run)
        {
            return null;
        }

        var snapshot = new RunSnapshot(run,
            await instances.ListAsync(connection, runId, cancellationToken, tx),
            await attempts.ListAsync(connection, runId, cancellationToken, tx));
        await tx.CommitAsync(cancellationToken);
        return snapshot;
    }
}
