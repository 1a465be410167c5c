using Dapper;
using Genie.Server.Kafka;
using Npgsql;
using NpgsqlTypes;

namespace Genie.Server.Store;

/// <summary>The CDC outbox table Debezium reads in the relay's Cdc mode (migration 0019).</summary>
public static class KafkaCdcOutboxStore
{
    /// <summary>Whether logical replication slot <paramref name="slot"/> exists for this database.</summary>
    public static Task<bool> SlotExistsAsync(NpgsqlConnection connection, string slot, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select exists (select 1 from pg_replication_slots where slot_name = @slot and database = current_database())
            """, new { slot }, cancellationToken: cancellationToken));

    /// <summary>
    /// Inserts <paramref name="batch"/> in order, then deletes those rows, in the caller's transaction: the WAL keeps the
    /// inserts in that order for the connector, the table stays empty.
    /// </summary>
    public static async Task WriteAndClearAsync(NpgsqlConnection connection, IReadOnlyList<EncodedEvent> batch, CancellationToken cancellationToken)
    {
        await using (var import = await connection.BeginBinaryImportAsync(
                         "copy kafka_cdc_outbox (event_id, aggregate_id, topic, event_type, payload) from stdin (format binary)", cancellationToken))
        {
            foreach (var (e, topic, value) in batch)
            {
                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(e.EventId, NpgsqlDbType.Uuid, cancellationToken);
                await import.WriteAsync(e.AggregateId, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(topic, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(e.Type, NpgsqlDbType.Text, cancellationToken);
                await import.WriteAsync(value, NpgsqlDbType.Bytea, cancellationToken);
            }

            await import.CompleteAsync(cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "delete from kafka_cdc_outbox where event_id = any(@ids)", new { ids = batch.Select(e => e.Event.EventId).ToArray() },
            cancellationToken: cancellationToken));
    }
}
