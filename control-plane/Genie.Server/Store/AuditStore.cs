using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>The audit log: one insert per recorded call, the filtered newest-first listing, and retention's deletes.</summary>
public sealed class AuditStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Records one call. Its commit does not wait for the WAL flush (`synchronous_commit = off` for this transaction
    /// only): waiting would give every mutating call a second flush after its own and halve the trigger rate (measured
    /// in the benchmarks' README). The row is still durable against a crash of Genie, and ordered with everything else;
    /// only a crash of PostgreSQL's host within its WAL writer's delay (a few hundred ms) could lose it, which is no
    /// weaker than the record being written after the answer already is.
    /// </summary>
    public async Task InsertAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            set local synchronous_commit = off;
            insert into audit_log (occurred_at, actor, action, namespace, target, source_address, status_code, outcome, request_id)
            values (@OccurredAt, @Actor, @Action, @Namespace, @Target, @SourceAddress, @StatusCode, @Outcome, @RequestId)
            """, record, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Matching rows newest first, keyset-paged by (occurred_at, id) so a page never skips or repeats a row.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<AuditRecord>(new CommandDefinition($"""
            select {AuditRecord.Columns} from audit_log
            where (@Actor::text is null or actor = @Actor)
              and (@Namespace::text is null or namespace = @Namespace)
              and (@Visible::text[] is null or (namespace is not null and ('*' = any(@Visible) or namespace = any(@Visible))))
              and (@Action::text is null or action = @Action)
              and (@From::timestamptz is null or occurred_at >= @From)
              and (@To::timestamptz is null or occurred_at < @To)
              and (@BeforeOccurredAt::timestamptz is null or (occurred_at, id) < (@BeforeOccurredAt, @BeforeId))
            order by occurred_at desc, id desc
            limit @Limit
            """, query, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>Deletes up to <paramref name="batch"/> rows that occurred before <paramref name="cutoff"/>; how many it deleted.</summary>
    public async Task<int> DeleteBeforeAsync(DateTimeOffset cutoff, int batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            delete from audit_log where id in (
                select id from audit_log where occurred_at < @cutoff order by occurred_at, id limit @batch)
            """, new { cutoff, batch }, cancellationToken: cancellationToken));
    }
}
