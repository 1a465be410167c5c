using System.Text.Json;
using Dapper;
using Genie.Core.Runs;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>
/// Reads of `runs` and the columns that are not state (deadline). Callers serialise work on one run by locking
/// its row first (<see cref="LockAsync"/>); state changes go through the state changer.
/// </summary>
public sealed class RunStore(NpgsqlDataSource dataSource)
{
    public Task<RunRecord?> FindByIdempotencyKeyAsync(NpgsqlTransaction tx, long jobId, string key, CancellationToken cancellationToken) =>
        tx.Connection!.QuerySingleOrDefaultAsync<RunRecord>(new CommandDefinition(
            $"select {RunRecord.Columns} from runs where job_id = @jobId and idempotency_key = @key",
            new { jobId, key }, tx, cancellationToken: cancellationToken));

    /// <summary>Locks the run's row for the rest of the transaction; null when there is no such run.</summary>
    public Task<RunRecord?> LockAsync(NpgsqlTransaction tx, Guid id, CancellationToken cancellationToken) =>
        tx.Connection!.QuerySingleOrDefaultAsync<RunRecord>(new CommandDefinition(
            $"select {RunRecord.Columns} from runs where id = @id for update", new { id }, tx, cancellationToken: cancellationToken));

    /// <summary>The grants a run acts with; empty for runs from before authentication.</summary>
    public async Task<IReadOnlyList<string>> GrantsAsync(NpgsqlTransaction tx, Guid id, CancellationToken cancellationToken) =>
        await tx.Connection!.ExecuteScalarAsync<string[]?>(new CommandDefinition(
            "select grants from runs where id = @id", new { id }, tx, cancellationToken: cancellationToken)) ?? [];

    public async Task<RunRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, id, cancellationToken);
    }

    public Task<RunRecord?> GetAsync(NpgsqlConnection connection, Guid id, CancellationToken cancellationToken, NpgsqlTransaction? tx = null) =>
        connection.QuerySingleOrDefaultAsync<RunRecord>(new CommandDefinition(
            $"select {RunRecord.Columns} from runs where id = @id", new { id }, tx, cancellationToken: cancellationToken));

    /// <summary>The live (queued, running, suspended) child runs of a run.</summary>
    public async Task<IReadOnlyList<Guid>> LiveChildrenAsync(NpgsqlTransaction tx, Guid runId, CancellationToken cancellationToken) =>
        (await tx.Connection!.QueryAsync<Guid>(new CommandDefinition(
            "select id from runs where parent_run_id = @runId and state in ('queued', 'running', 'suspended')",
            new { runId }, tx, cancellationToken: cancellationToken))).ToList();

    /// <summary>
    /// A namespace's runs, newest first, filtered in SQL and keyset-paged by (created_at, id). A job is matched by
    /// its id, which (namespace, name) names for good (a deleted job keeps its row), so the job's own index serves
    /// the page instead of a walk through the whole namespace; a state is served by its own index the same way.
    /// </summary>
    public async Task<IReadOnlyList<RunRecord>> ListAsync(RunQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<RunRecord>(new CommandDefinition($"""
            select {RunRecord.Columns} from runs
            where namespace = @Namespace
              and (@Job::text is null or job_id = (select id from jobs where namespace = @Namespace and name = @Job))
              and (@State::text is null or state = @State)
              and (@Since::timestamptz is null or created_at >= @Since)
              and (@Until::timestamptz is null or created_at < @Until)
              and (@BeforeCreatedAt::timestamptz is null or (created_at, id) < (@BeforeCreatedAt, @BeforeId))
            order by created_at desc, id desc
            limit @Limit
            """, query, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Running runs with no task running or waiting to retry and no change since <paramref name="cutoff"/>.</summary>
    public async Task<IReadOnlyList<Guid>> StuckAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>(new CommandDefinition("""
            select r.id from runs r
            where r.state = 'running' and r.updated_at < @cutoff
              and not exists (select 1 from run_tasks t
                              where t.run_id = r.id and (t.updated_at >= @cutoff or t.state in ('running', 'retrying')))
            order by r.id
            limit @limit
            """, new { cutoff, limit }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Serialises resolved params for the `params` column.</summary>
    public static string ParamsJson(IReadOnlyDictionary<string, Core.Specs.ParamValue> values) =>
        JsonSerializer.Serialize(ParamResolver.ToJsonObject(values));
}
