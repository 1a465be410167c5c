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

    /// <summary>How many live runs the scope has, counting no further than <paramref name="cap"/>.</summary>
    public Task<int> CountLiveAsync(NpgsqlTransaction tx, string scope, int cap, CancellationToken cancellationToken) =>
        tx.Connection!.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from (select 1 from runs where concurrency_key = @scope and state = any(@LiveStates) limit @cap) live",
            new { scope, LiveStates, cap }, tx, cancellationToken: cancellationToken));

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
