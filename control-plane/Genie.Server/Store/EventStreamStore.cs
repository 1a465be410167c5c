using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>The event stream's reads of the outbox, in stream order (see <see cref="EventPosition"/>), and its LISTEN.</summary>
public sealed class EventStreamStore(NpgsqlDataSource dataSource)
{
    /// <summary>The channel the `events` trigger notifies at each commit that wrote events (migration 0014).</summary>
    public const string Channel = "genie_events";

    // xid8 has no cast to bigint; through text it fits, as transaction ids (epoch and xid) stay far below 2^63.
    private const string Columns = """
        id, tx::text::bigint as tx, tx < pg_snapshot_xmin(pg_current_snapshot()) as settled, occurred_at as occurredat,
        aggregate_type as aggregatetype, aggregate_id as aggregateid, type, schema_version as schemaversion, actor,
        payload::text as payload, payload->>'namespace' as namespace, payload->>'job' as job
        """;

    /// <summary>Starts listening for commits that wrote events on <paramref name="connection"/>, a connection kept for it.</summary>
    public static Task ListenAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("listen " + Channel, cancellationToken: cancellationToken));

    /// <summary>
    /// Up to <paramref name="limit"/> matching events after <paramref name="after"/> in stream order, settled or not; a
    /// caller streams the settled ones up to the first unsettled one, which it reads again once its transaction ends.
    /// </summary>
    public static async Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(
        NpgsqlConnection connection, EventPosition after, EventStreamQuery query, int limit, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<StoredEvent>(new CommandDefinition($"""
            select {Columns} from events
            where (tx, id) > (@tx::text::xid8, @id)
              and (@namespace::text is null or payload->>'namespace' = @namespace)
              and (@job::text is null or payload->>'job' = @job)
              and (@run::text is null or (aggregate_type = 'run' and aggregate_id = @run))
              and (@visible::text[] is null or payload->>'namespace' = any(@visible) or (@clusterWide and payload->>'namespace' is null))
              and (@clusterWide or payload->>'namespace' is not null)
            order by tx, id
            limit @limit
            """, new
        {
            tx = after.Tx.ToString(System.Globalization.CultureInfo.InvariantCulture),
            id = after.Id,
            query.Namespace,
            query.Job,
            query.Run,
            query.Visible,
            query.ClusterWide,
            limit,
        }, cancellationToken: cancellationToken))).ToList();

    /// <inheritdoc cref="ReadAfterAsync(NpgsqlConnection, EventPosition, EventStreamQuery, int, CancellationToken)"/>
    public async Task<IReadOnlyList<StoredEvent>> ReadAfterAsync(
        EventPosition after, EventStreamQuery query, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAfterAsync(connection, after, query, limit, cancellationToken);
    }

    /// <summary>The position after which events are yet to come: the last settled event's (or the start, with none).</summary>
    public static async Task<EventPosition> HeadAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await FirstPositionAsync(connection, new CommandDefinition("""
            select tx::text::bigint as tx, id from events
            where tx < pg_snapshot_xmin(pg_current_snapshot())
            order by tx desc, id desc
            limit 1
            """, cancellationToken: cancellationToken)) ?? EventPosition.Start;

    /// <inheritdoc cref="HeadAsync(NpgsqlConnection, CancellationToken)"/>
    public async Task<EventPosition> HeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await HeadAsync(connection, cancellationToken);
    }

    /// <summary>
    /// The position of event <paramref name="id"/>, to resume after it. An event housekeeping has pruned resumes just
    /// before the oldest kept event above it (events that committed out of order around it may then come again); an
    /// id above every event resumes at the head.
    /// </summary>
    public async Task<EventPosition> PositionOfAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = await FirstPositionAsync(connection, new CommandDefinition("""
            (select tx::text::bigint as tx, id from events where id = @id)
            union all
            (select tx::text::bigint as tx, id - 1 as id from events where id > @id order by id limit 1)
            limit 1
            """, new { id }, cancellationToken: cancellationToken));
        return found ?? await HeadAsync(connection, cancellationToken);
    }

    private static async Task<EventPosition?> FirstPositionAsync(NpgsqlConnection connection, CommandDefinition command) =>
        (await connection.QueryAsync<(long Tx, long Id)>(command)).Select(p => (EventPosition?)new EventPosition(p.Tx, p.Id)).FirstOrDefault();
}
