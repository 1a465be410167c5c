using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>
/// Concurrency scopes (a job, or a key shared by jobs): an advisory lock that serialises every decision about a
/// scope until commit, and counts of its live runs that stop at the limit, so deciding "full or not" never reads a
/// long queue.
/// </summary>
public sealed class ConcurrencyLocks
{
    private static readonly string[] LiveStates = ["queued", "running", "suspended"];

    public Task LockScopeAsync(NpgsqlTransaction tx, string scope, CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "select pg_advisory_xact_lock(hashtext(@scope))", new { scope }, tx, cancellationToken: cancellationToken));

    /// <summary>
    /// Takes the scope's lock, then counts its live runs and the runs admission would count ahead of a new one (active
    /// plus due queued, as <see cref="CountAheadAsync"/>), each no further than <paramref name="cap"/>, in one round trip.
    /// The two statements go as one batch; PostgreSQL takes the count's snapshot when it binds that statement, after the
    /// lock is held, so the counts see every decision about the scope committed before this one.
    /// </summary>
    public async Task<ScopeCounts> LockAndCountAsync(NpgsqlTransaction tx, string scope, int cap, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(tx.Connection, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("select pg_advisory_xact_lock(hashtext($1))") { Parameters = { new() { Value = scope } } },
                new NpgsqlBatchCommand("""
                    select (select count(*)::int from (select 1 from runs where concurrency_key = $1 and state = any($2) limit $3) live),
                           (select count(*)::int from (select 1 from runs
                             where concurrency_key = $1 and state in ('running', 'suspended') limit $3) active)
                         + (select count(*)::int from (select 1 from runs
                             where concurrency_key = $1 and state = 'queued' and not_before <= $4 limit $3) due)
                    """)
                {
                    Parameters = { new() { Value = scope }, new() { Value = LiveStates }, new() { Value = cap }, new() { Value = now } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ScopeCounts(reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>
    /// The runs ahead of <paramref name="run"/> in its scope: active ones plus due queued ones created before it,
    /// counting no further than <paramref name="cap"/> of each (first come, first served admission).
    /// </summary>
    public Task<int> CountAheadAsync(NpgsqlTransaction tx, RunRecord run, DateTimeOffset now, int cap, CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteScalarAsync<int>(new CommandDefinition("""
            select (select count(*)::int from (select 1 from runs
                     where concurrency_key = @ConcurrencyKey and state in ('running', 'suspended') limit @cap) active)
                 + (select count(*)::int from (select 1 from runs
                     where concurrency_key = @ConcurrencyKey and state = 'queued' and not_before <= @now
                       and (created_at, id) < (@CreatedAt, @Id) limit @cap) waiting)
            """, new { run.ConcurrencyKey, run.CreatedAt, run.Id, now, cap }, tx, cancellationToken: cancellationToken));

    /// <summary>Queued, running and suspended runs of a scope, oldest first.</summary>
    public async Task<IReadOnlyList<Guid>> LiveRunsAsync(NpgsqlTransaction tx, string scope, CancellationToken cancellationToken) =>
        (await tx.Connection!.QueryAsync<Guid>(new CommandDefinition(
            "select id from runs where concurrency_key = @scope and state = any(@LiveStates) order by created_at, id",
            new { scope, LiveStates }, tx, cancellationToken: cancellationToken))).ToList();
}
