using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>What Genie remembers of a run's life inside Airflow (columns added by migration 0003).</summary>
public sealed class AirflowRunStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The Airflow side of a run: last DAG-run state seen, when it was triggered, a clear still to send.</summary>
    public sealed record Progress(string? ExternalState, DateTimeOffset? TriggeredAt, string? PendingClear);

    public async Task<Progress> GetAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<Progress>(new CommandDefinition(
            "select external_state as externalstate, triggered_at as triggeredat, pending_clear as pendingclear from runs where id = @runId",
            new { runId }, cancellationToken: cancellationToken));
    }

    /// <summary>Runs the executor must look at: running ones, and ended ones Airflow may still be running.</summary>
    public async Task<IReadOnlyList<Guid>> ActiveRunIdsAsync(string executor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>(new CommandDefinition("""
            select id from runs
            where executor = @executor
              and (state = 'running'
                   or (state in ('failed', 'cancelled') and triggered_at is not null
                       and coalesce(external_state, '') not in ('success', 'failed')))
            order by created_at
            """, new { executor }, cancellationToken: cancellationToken))).ToList();
    }

    public Task SetTriggeredAsync(Guid runId, CancellationToken cancellationToken) =>
        ExecuteAsync("update runs set triggered_at = @now where id = @runId", new { runId, now = time.GetUtcNow() }, cancellationToken);

    public Task SetExternalStateAsync(Guid runId, string? state, CancellationToken cancellationToken) =>
        ExecuteAsync("update runs set external_state = @state where id = @runId", new { runId, state }, cancellationToken);

    /// <summary>The same inside a transaction that mirrors the run.</summary>
    public Task SetExternalStateAsync(NpgsqlTransaction tx, Guid runId, string? state, CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update runs set external_state = @state where id = @runId", new { runId, state }, tx, cancellationToken: cancellationToken));

    public Task ClearPendingClearAsync(Guid runId, CancellationToken cancellationToken) =>
        ExecuteAsync("update runs set pending_clear = null where id = @runId", new { runId }, cancellationToken);

    /// <summary>Asks the driver, inside the retry's transaction, to clear the run's tasks in Airflow (`failed` or `all`).</summary>
    public Task RequestClearAsync(NpgsqlTransaction tx, Guid runId, string mode, CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "update runs set pending_clear = @mode where id = @runId and triggered_at is not null",
            new { runId, mode }, tx, cancellationToken: cancellationToken));

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }
}
