using Dapper;
using Genie.Core.Runs;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>What an executor has to do next: due queued runs, queued task instances, runs to look at, the next timer.</summary>
public sealed class RunQueueStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>One page of the queued runs that may start now, most important and oldest first, continuing after <paramref name="after"/>.</summary>
    /// <remarks>Runs of <paramref name="skipScopes"/> (scopes found full) are left out, so a long queue is not shipped page after page.</remarks>
    public async Task<IReadOnlyList<DueRun>> DueQueuedRunsAsync(
        string executor, int limit, DueRun? after, CancellationToken cancellationToken, IReadOnlyCollection<string>? skipScopes = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<DueRun>(new CommandDefinition("""
            select id, priority, created_at as createdat, concurrency_key as concurrencykey from runs
            where executor = @executor and state = 'queued' and not_before <= @now
              and (@afterId::uuid is null or (-priority, created_at, id) > (-@afterPriority, @afterCreatedAt, @afterId))
              and (concurrency_key is null or concurrency_key <> all(@skipScopes))
            order by priority desc, created_at, id limit @limit
            """, new
        {
            executor, now = time.GetUtcNow(), limit, afterId = after?.Id, afterPriority = after?.Priority ?? 0,
            afterCreatedAt = after?.CreatedAt ?? DateTimeOffset.UnixEpoch, skipScopes = skipScopes?.ToArray() ?? [],
        }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>The earliest moment after <paramref name="after"/> something of this executor becomes due by time alone (a delayed run, a retry, a deadline).</summary>
    public async Task<DateTimeOffset?> NextDueAsync(string executor, DateTimeOffset after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition("""
            select min(t) from (
                select min(not_before) as t from runs where executor = @executor and state = 'queued' and not_before > @after
                union all
                select min(deadline) from runs where executor = @executor and state in ('running', 'suspended') and deadline > @after
                union all
                select min(k.next_attempt_at) from run_tasks k join runs r on r.id = k.run_id
                where r.executor = @executor and r.state = 'running' and k.state = 'retrying' and k.next_attempt_at > @after
            ) due
            """, new { executor, after }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<Guid>> RunIdsInStateAsync(string executor, RunState state, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(
            "select id from runs where executor = @executor and state = @state", new { executor, state = state.ToWire() },
            cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Queued task instances of running runs, in the order slots should go to them.</summary>
    public async Task<IReadOnlyList<(Guid RunId, string Task, int Replica)>> DispatchOrderAsync(string executor, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<(Guid, string, int)>(new CommandDefinition("""
            select k.run_id, k.task_name, k.replica from run_tasks k join runs r on r.id = k.run_id
            where k.state = 'queued' and r.state = 'running' and r.executor = @executor
            order by k.priority desc, r.created_at, k.updated_at, k.task_name, k.replica
            limit @limit
            """, new { executor, limit }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Runs waiting in `queued` by namespace and executor (the queue-depth gauge's sample; the partial queued index answers it).</summary>
    public async Task<IReadOnlyList<QueuedRuns>> QueuedCountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<QueuedRuns>(new CommandDefinition("""
            select namespace, executor, count(*) as count from runs where state = 'queued' group by namespace, executor
            """, cancellationToken: cancellationToken))).ToList();
    }
}
