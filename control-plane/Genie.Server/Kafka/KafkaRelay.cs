using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Genie.Server.Health;
using Genie.Server.Store;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Genie.Server.Kafka;

/// <summary>
/// Hands the outbox on to Kafka, at least once and in order. One replica at a time relays: the one holding the
/// relay's session advisory lock on the connection it reads and moves the position with (a crashed holder frees it
/// with its connection, and a standby takes over at its next poll). Each round reads the settled events after the
/// position (see <see cref="KafkaRelayStore.ReadSettledAfterAsync"/>), encodes them and hands them to the mode's
/// <see cref="IEventDelivery"/>, which moves the position past them once they are safe: acknowledged by the brokers
/// (a crash in between sends that batch again; duplicates carry the same `genie.event_id`, which consumers dedupe on),
/// or written for Debezium in the same transaction. A failed round is not a failed loop: the events wait in the outbox
/// (housekeeping keeps unpublished ones) and go out in order once Kafka, the registry or the slot is there.
/// </summary>
public sealed class KafkaRelay(
    KafkaRelayStore store,
    KafkaEventEncoder encoder,
    IEventDelivery delivery,
    KafkaRelayStatus status,
    IOptions<KafkaOptions> options,
    TimeProvider time,
    ILogger<KafkaRelay> logger) : BackgroundService
{
    /// <summary>The relay's name: its row in `kafka_relay_positions` and its lock.</summary>
    public const string Name = "kafka";

    public const string LoopName = "kafka-relay";

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);

    private NpgsqlConnection? _connection;
    private bool _failing;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new SupervisedLoop(LoopName, logger, time).RunAsync(RelayAsync, WaitAsync, stoppingToken);

    private async Task RelayAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await LeadingConnectionAsync(cancellationToken) is not { } connection)
            {
                return;
            }

            var settings = options.Value;
            var position = await KafkaRelayStore.PositionAsync(connection, Name, cancellationToken);
            IReadOnlyList<RelayedEvent> batch;
            do
            {
                batch = await KafkaRelayStore.ReadSettledAfterAsync(connection, position, settings.BatchSize, cancellationToken);
                if (batch.Count == 0 || !await DeliverAsync(connection, batch, cancellationToken))
                {
                    return;
                }

                position = batch[^1].Position;
            }
            while (batch.Count == settings.BatchSize);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await DropConnectionAsync();
            throw;
        }
    }

    /// <summary>Encodes and delivers a batch; false when it could not (reported once per outage, not thrown): the batch is read again.</summary>
    private async Task<bool> DeliverAsync(NpgsqlConnection connection, IReadOnlyList<RelayedEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            await delivery.DeliverAsync(connection, await encoder.EncodeAsync(batch, cancellationToken), cancellationToken);
        }
        // An event this Genie cannot encode (a newer replica's type, a payload its schema refuses) stops the relay at
        // that event, as Kafka being down does: skipping it would lose it, and /readyz shows why.
        catch (Exception e) when (e is KafkaException or SchemaRegistryException or HttpRequestException or UnknownEventTypeException
                                      or InvalidDataException or CdcSlotMissingException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e is KafkaException kafka ? kafka.Error.Reason : e.Message;
            status.Failed(reason);
            if (!_failing)
            {
                logger.LogWarning("The Kafka relay could not hand on {Count} event(s) ({Reason}); it retries, and the events wait in the outbox",
                    batch.Count, reason);
            }

            _failing = true;
            return false;
        }

        if (_failing)
        {
            logger.LogInformation("The Kafka relay publishes again");
        }

        _failing = false;
        status.Published();
        return true;
    }

    /// <summary>This replica's connection holding the relay lock, or null while another replica relays.</summary>
    private async Task<NpgsqlConnection?> LeadingConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } held)
        {
            return held;
        }

        var connection = await store.OpenAsync(cancellationToken);
        try
        {
            if (!await KafkaRelayStore.TryLeadAsync(connection, Name, cancellationToken))
            {
                await connection.DisposeAsync();
                return null;
            }
        }
        catch (Exception)
        {
            await connection.DisposeAsync();
            throw;
        }

        _connection = connection;
        logger.LogInformation("This replica relays the outbox to {Destination}", delivery.Destination);
        return connection;
    }

    // After a failed batch at least RetryAfterFailure: a registry that refuses at once must not be asked twice a second.
    private Task WaitAsync(CancellationToken cancellationToken) =>
        Task.Delay(_failing && options.Value.PollInterval < RetryAfterFailure ? RetryAfterFailure : options.Value.PollInterval, time, cancellationToken);

    /// <summary>Gives the lead up, so that a pooled connection never keeps the lock once the relay let it go.</summary>
    private async Task DropConnectionAsync()
    {
        if (_connection is not { } connection)
        {
            return;
        }

        _connection = null;
        try
        {
            await KafkaRelayStore.StepDownAsync(connection, Name, CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // A broken connection: PostgreSQL released the lock with its session.
            logger.LogDebug(e, "The Kafka relay's lock connection broke");
        }

        await connection.DisposeAsync();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await DropConnectionAsync();
    }
}
