using Dapper;
using Npgsql;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// Makes advancing one airflow run exclusive across the cluster: the executor's wake-ups and the reconcile
/// job (on this replica or another) would otherwise both see "not triggered yet" and both trigger. A session
/// advisory lock on a pooled connection, so a crashed holder frees it with its connection.
/// </summary>
public sealed class AirflowRunLease(NpgsqlDataSource dataSource)
{
    // The two-key form keeps these locks apart from the single-key ones of admission and migrations.
    private const int LockClass = 0x41_46_52_4E; // "AFRN"

    /// <summary>The lease on the run, or null when another pass holds it (that pass will see the run's latest state).</summary>
    public async Task<IAsyncDisposable?> TryTakeAsync(Guid runId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var taken = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select pg_try_advisory_lock(@lockClass, hashtext(@run))",
                new { lockClass = LockClass, run = runId.ToString() }, cancellationToken: cancellationToken));
            if (taken)
            {
                return new Held(connection, runId);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private sealed class Held(NpgsqlConnection connection, Guid runId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "select pg_advisory_unlock(@lockClass, hashtext(@run))",
                    new { lockClass = LockClass, run = runId.ToString() }));
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
