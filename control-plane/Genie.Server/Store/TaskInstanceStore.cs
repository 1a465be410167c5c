using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>Reads of `run_tasks` and the columns that are not state (creation, try counters).</summary>
public sealed class TaskInstanceStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Every instance of a run, by task name and replica.</summary>
    public async Task<IReadOnlyList<TaskInstanceRecord>> ListAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken, NpgsqlTransaction? tx = null) =>
        (await connection.QueryAsync<TaskInstanceRecord>(new CommandDefinition(
            $"select {TaskInstanceRecord.Columns} from run_tasks where run_id = @runId order by task_name, replica",
            new { runId }, tx, cancellationToken: cancellationToken))).ToList();

    public Task<IReadOnlyList<TaskInstanceRecord>> ListAsync(NpgsqlTransaction tx, Guid runId, CancellationToken cancellationToken) =>
        ListAsync(tx.Connection!, runId, cancellationToken, tx);

    public async Task<IReadOnlyList<TaskInstanceRecord>> ListAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ListAsync(connection, runId, cancellationToken);
    }

    /// <summary>One instance; null when the run has no such task replica.</summary>
    public Task<TaskInstanceRecord?> GetAsync(NpgsqlTransaction tx, Guid runId, string task, int replica, CancellationToken cancellationToken) =>
        tx.Connection!.QuerySingleOrDefaultAsync<TaskInstanceRecord>(new CommandDefinition(
            $"select {TaskInstanceRecord.Columns} from run_tasks where run_id = @runId and task_name = @task and replica = @replica",
            new { runId, task, replica }, tx, cancellationToken: cancellationToken));

    /// <summary>Creates the pending instances of a run the first time it starts (a retry adds only missing ones).</summary>
    public Task InsertAsync(
        NpgsqlTransaction tx, Guid runId, IEnumerable<(string Task, int Replica, int Priority)> instances, CancellationToken cancellationToken)
    {
        var rows = instances.ToList();
        return tx.Connection!.ExecuteAsync(new CommandDefinition("""
            insert into run_tasks (run_id, task_name, replica, priority, state, updated_at)
            select @runId, t.task, t.replica, t.priority, 'pending', @now
            from unnest(@tasks, @replicas, @priorities) as t(task, replica, priority)
            on conflict do nothing
            """, new
        {
            runId,
            tasks = rows.Select(r => r.Task).ToArray(),
            replicas = rows.Select(r => r.Replica).ToArray(),
            priorities = rows.Select(r => r.Priority).ToArray(),
            now = time.GetUtcNow(),
        }, tx, cancellationToken: cancellationToken));
    }

    // Each child run is one try of a child-job task, counted in `attempts` (a child-job task has no process attempts), so
    // retry limits apply as to processes and every try gets its own child run rather than finding the last by its key.
    /// <summary>Counts the next try of a child-job task and returns its number.</summary>
    public Task<int> NextTryAsync(NpgsqlTransaction tx, Guid runId, string task, int replica, CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteScalarAsync<int>(new CommandDefinition("""
            update run_tasks set attempts = attempts + 1
            where run_id = @runId and task_name = @task and replica = @replica
            returning attempts
            """, new { runId, task, replica }, tx, cancellationToken: cancellationToken));

    /// <summary>The (run, task, replica, attempt) of instances that are running, among the given runs.</summary>
    public async Task<IReadOnlySet<AttemptKey>> RunningAsync(Guid[] runIds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<(Guid, string, int, int)>(new CommandDefinition("""
            select k.run_id, k.task_name, k.replica, k.attempts from run_tasks k join runs r on r.id = k.run_id
            where k.run_id = any(@runIds) and k.state = 'running' and r.state in ('running', 'suspended')
            """, new { runIds }, cancellationToken: cancellationToken)))
            .Select(r => new AttemptKey(r.Item1, r.Item2, r.Item3, r.Item4)).ToHashSet();
    }
}
