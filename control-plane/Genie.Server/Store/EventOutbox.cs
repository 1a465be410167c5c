using System.Text.Json;
using Dapper;
using Genie.Core.Events;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>Writes events into the `events` outbox inside the caller's transaction, so an event exists exactly when its change does.</summary>
public static class EventOutbox
{
    public static Task AppendAsync<TEvent>(NpgsqlTransaction transaction, DateTimeOffset occurredAt, TEvent payload, CancellationToken cancellationToken)
        where TEvent : IGenieEvent =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            insert into events (occurred_at, aggregate_type, aggregate_id, type, schema_version, actor, payload)
            values (@occurredAt, @aggregateType, @aggregateId, @type, @schemaVersion, @actor, @payload::jsonb)
            """,
            new
            {
                occurredAt,
                aggregateType = TEvent.AggregateType,
                aggregateId = payload.AggregateId(),
                type = TEvent.Type,
                schemaVersion = TEvent.SchemaVersion,
                actor = payload.Actor,
                payload = JsonSerializer.Serialize(payload, EventJson.Options),
            },
            transaction, cancellationToken: cancellationToken));
}
