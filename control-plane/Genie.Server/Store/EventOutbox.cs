using Dapper;
using Genie.Core.Events;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>Writes events into the `events` outbox inside the caller's transaction, so an event exists exactly when its change does.</summary>
public static class EventOutbox
{
    public static Task AppendAsync<TEvent>(NpgsqlTransaction transaction, DateTimeOffset occurredAt, TEvent payload, CancellationToken cancellationToken)
        where TEvent : IGenieEvent =>
        AppendAsync(transaction, [PendingEvent.Of(occurredAt, payload)], cancellationToken);

    /// <summary>Writes a transaction's events in one statement, in the order given (which their ids keep).</summary>
    public static Task AppendAsync(NpgsqlTransaction transaction, IReadOnlyList<PendingEvent> events, CancellationToken cancellationToken) =>
        events.Count == 0
            ? Task.CompletedTask
            : transaction.Connection!.ExecuteAsync(new CommandDefinition(InsertSql, Parameters(events), transaction, cancellationToken: cancellationToken));

    /// <summary>The statement that writes events in order, for callers that send it together with another (see <see cref="Parameters"/>).</summary>
    internal const string InsertSql = """
        insert into events (occurred_at, aggregate_type, aggregate_id, type, schema_version, actor, payload)
        select e.occurred_at, e.aggregate_type, e.aggregate_id, e.type, e.schema_version, e.actor, e.payload::jsonb
        from unnest(@occurredAt, @aggregateType, @aggregateId, @type, @schemaVersion, @actor, @payload)
             with ordinality as e(occurred_at, aggregate_type, aggregate_id, type, schema_version, actor, payload, position)
        order by e.position
        """;

    /// <summary>The parameters of <see cref="InsertSql"/> for <paramref name="events"/>.</summary>
    internal static object Parameters(IReadOnlyList<PendingEvent> events) => new
    {
        occurredAt = events.Select(e => e.OccurredAt).ToArray(),
        aggregateType = events.Select(e => e.AggregateType).ToArray(),
        aggregateId = events.Select(e => e.AggregateId).ToArray(),
        type = events.Select(e => e.Type).ToArray(),
        schemaVersion = events.Select(e => e.SchemaVersion).ToArray(),
        actor = events.Select(e => e.Actor).ToArray(),
        payload = events.Select(e => e.Payload).ToArray(),
    };
}
