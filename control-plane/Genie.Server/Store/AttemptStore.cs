using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>Reads of `task_attempts`.</summary>
public sealed class AttemptStore(NpgsqlDataSource dataSource)
{
    /// <summary>Every attempt of a run, by task, replica and attempt number.</summary>
    public async Task<IReadOnlyList<AttemptRecord>> ListAsync(
        NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken, NpgsqlTransaction? tx = null) =>
        (await connection.QueryAsync<AttemptRecord>(new CommandDefinition(
            $"select {AttemptRecord.Columns} from task_attempts where run_id = @runId order by task_name, replica, attempt",
            new { runId }, tx, cancellationToken: cancellationToken))).ToList();

    public async Task<IReadOnlyList<AttemptRecord>> ListAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ListAsync(connection, runId, cancellationToken);
    }

    /// <summary>One attempt of an instance; the latest when <paramref name="attempt"/> is null.</summary>
    public async Task<AttemptRecord?> GetAsync(Guid runId, string task, int replica, int? attempt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AttemptRecord>(new CommandDefinition($"""
            select {AttemptRecord.Columns} from task_attempts
            where run_id = @runId and task_name = @task and replica = @replica and (@attempt::integer is null or attempt = @attempt)
            order by attempt desc limit 1
            """, new { runId, task, replica, attempt }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Local attempts still marked running that no live replica watches: those owned by <paramref name="owner"/> (this
    /// replica's previous life), by no one (written before replicas existed), or by a replica whose heartbeat is older than
    /// <paramref name="deadBefore"/>. Each comes with its owner's host, so only a replica on that host inspects the process.
    /// </summary>
    public async Task<IReadOnlyList<(AttemptRecord Attempt, string? Host)>> OrphanedAsync(
        string executor, string owner, DateTimeOffset deadBefore, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttemptRecord, string?, (AttemptRecord, string?)>(new CommandDefinition($"""
            select a.*, p.host
            from (select {AttemptRecord.Columns} from task_attempts where state = 'running') a
            join runs r on r.id = a.runid
            left join replicas p on p.id = a.owner
            where r.executor = @executor
              and (a.owner is null or a.owner = @owner or p.id is null or p.heartbeat_at < @deadBefore)
            order by a.startedat
            """, new { executor, owner, deadBefore }, cancellationToken: cancellationToken),
            (attempt, host) => (attempt, host), splitOn: "host");
        return rows.ToList();
    }
}
