using Genie.Server.Store;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Genie.Server.Kafka;

/// <summary>
/// The relay's Cdc mode: writes each encoded batch into `kafka_cdc_outbox` and moves the position in the same
/// transaction, so a batch is written exactly once whatever instant the server dies at. The rows are deleted again
/// before the commit: Debezium reads the inserts from the WAL (its outbox event router drops deletes), and the table
/// never grows. Nothing is written until the connector's replication slot exists, because PostgreSQL keeps the WAL for
/// a slot only from its creation on.
/// </summary>
public sealed class CdcOutboxWriter(IOptions<KafkaOptions> options, TimeProvider time) : IEventDelivery
{
    private readonly KafkaOptions _options = options.Value;

    public string Destination => $"the kafka_cdc_outbox table for Debezium (replication slot {_options.CdcSlotName})";

    public async Task DeliverAsync(NpgsqlConnection connection, IReadOnlyList<EncodedEvent> batch, CancellationToken cancellationToken)
    {
        if (!await KafkaCdcOutboxStore.SlotExistsAsync(connection, _options.CdcSlotName, cancellationToken))
        {
            throw new CdcSlotMissingException(_options.CdcSlotName);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await KafkaCdcOutboxStore.WriteAndClearAsync(connection, batch, cancellationToken);
        await KafkaRelayStore.AdvanceAsync(connection, KafkaRelay.Name, batch[^1].Event.Position, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
