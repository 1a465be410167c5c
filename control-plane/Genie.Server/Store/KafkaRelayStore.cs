using System.Globalization;
using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>
/// The Kafka relay's reads of the outbox and its published position (migration 0016). A relay works on one connection
/// that also holds its session advisory lock, so the replica that moves the position is the one holding the lock.
/// </summary>
public sealed class KafkaRelayStore(NpgsqlDataSource dataSource)
{
    // "KFKR": the relay's session lock class, apart from housekeeping's and Airflow's (see SessionLocks).
    private const int LockClass = 0x4B_46_4B_52;

    public Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => dataSource.OpenConnectionAsync(cancellationToken).AsTask();

    /// <summary>
    /// Takes relay <paramref name="relay"/>'s lock for <paramref name="connection"/>'s session unless another session holds
    /// it; a crashed holder frees it with its connection.
    /// </summary>
    public static Task<bool> TryLeadAsync(NpgsqlConnection connection, string relay, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select pg_try_advisory_lock(@lockClass, hashtext(@relay))", new { lockClass = LockClass, relay }, cancellationToken: cancellationToken));

    public static Task StepDownAsync(NpgsqlConnection connection, string relay, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "select pg_advisory_unlock(@lockClass, hashtext(@relay))", new { lockClass = LockClass, relay }, cancellationToken: cancellationToken));

    /// <summary>The relay's position; a relay seen for the first time starts before every event the outbox keeps.</summary>
    public static async Task<EventPosition> PositionAsync(NpgsqlConnection connection, string relay, CancellationToken cancellationToken)
    {
        var position = await connection.QuerySingleAsync<(long Tx, long Id)>(new CommandDefinition("""
            with created as (
                insert into kafka_relay_positions (relay, tx, id) values (@relay, '0'::xid8, 0)
                on conflict (relay) do nothing
                returning tx, id)
            select tx::text::bigint as tx, id from created
            union all
            select tx::text::bigint as tx, id from kafka_relay_positions where relay = @relay
            limit 1
            """, new { relay }, cancellationToken: cancellationToken));
        return new EventPosition(position.Tx, position.Id);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> settled events after <paramref name="after"/>, in (tx, id) order. Events whose
    /// transaction is not below every running one are left for a later read: one of those transactions may still commit
    /// an event that comes before them.
    /// </summary>
    public static async Task<IReadOnlyList<RelayedEvent>> ReadSettledAfterAsync(
        NpgsqlConnection connection, EventPosition after, int limit, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<RelayedEvent>(new CommandDefinition("""
            select id, tx::text::bigint as tx, event_id as eventid, occurred_at as occurredat, aggregate_id as aggregateid, type,
                   schema_version as schemaversion, actor, payload::text as payload
            from events
            where (tx, id) > (@tx::text::xid8, @id) and tx < pg_snapshot_xmin(pg_current_snapshot())
            order by tx, id
            limit @limit
            """, new { tx = Text(after.Tx), id = after.Id, limit }, cancellationToken: cancellationToken))).ToList();

    /// <summary>Moves the relay's position forward to <paramref name="to"/> (never back).</summary>
    public static Task AdvanceAsync(
        NpgsqlConnection connection, string relay, EventPosition to, DateTimeOffset publishedAt, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            update kafka_relay_positions set tx = @tx::text::xid8, id = @id, published_at = @publishedAt
            where relay = @relay and (tx, id) < (@tx::text::xid8, @id)
            """, new { relay, tx = Text(to.Tx), id = to.Id, publishedAt }, cancellationToken: cancellationToken));

    /// <summary>The committed events after the relay's position (all of them when it has never run).</summary>
    public async Task<RelayBacklog> BacklogAsync(string relay, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Npgsql reads timestamptz as a UTC DateTime; mapped by hand, as a positional record takes no type handler.
        var (count, oldest) = await connection.QuerySingleAsync<(long Count, DateTime? Oldest)>(new CommandDefinition("""
            select count(*) as count, min(e.occurred_at) as oldestoccurredat
            from events e
            left join kafka_relay_positions p on p.relay = @relay
            where p.relay is null or (e.tx, e.id) > (p.tx, p.id)
            """, new { relay }, cancellationToken: cancellationToken));
        return new RelayBacklog(count, oldest is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
