using System.Text.Json;
using Dapper;
using Genie.Client;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>Writes events into the `events` outbox inside the caller's transaction, so an event exists exactly when its change does.</summary>
public static class EventOutbox
{
    public static Task AppendAsync(
        NpgsqlTransaction transaction,
        DateTimeOffset occurredAt,
        string aggregateType,
        string aggregateId,
        string type,
        object payload,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            insert into events (occurred_at, aggregate_type, aggregate_id, type, payload)
            values (@occurredAt, @aggregateType, @aggregateId, @type, @payload::jsonb)
            """,
            new { occurredAt, aggregateType, aggregateId, type, payload = JsonSerializer.Serialize(payload, GenieJson.Options) },
            transaction, cancellationToken: cancellationToken));
}
