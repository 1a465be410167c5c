using System.Text;
using Confluent.Kafka;
using Genie.Server.Store;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Genie.Server.Kafka;

/// <summary>
/// The relay's Produce mode: publishes encoded events to Kafka with an idempotent producer (`acks=all`, so a retried
/// send never duplicates or reorders within a partition), keys the aggregate id, headers `genie.event_id` and
/// `genie.event_type`; the position moves once every message of the batch is acknowledged.
/// </summary>
public sealed class KafkaEventPublisher(IOptions<KafkaOptions> options, TimeProvider time, ILogger<KafkaEventPublisher> logger)
    : IEventDelivery, IDisposable
{
    public const string EventIdHeader = "genie.event_id";
    public const string EventTypeHeader = "genie.event_type";

    private readonly KafkaOptions _options = options.Value;
    private IProducer<string, byte[]>? _producer;

    public string Destination => $"Kafka ({_options.BootstrapServers})";

    public async Task DeliverAsync(NpgsqlConnection connection, IReadOnlyList<EncodedEvent> batch, CancellationToken cancellationToken)
    {
        await PublishAsync(batch, cancellationToken);
        if (_options.CrashAfterPublish)
        {
            // The fault point of the relay's crash test: die as `kill -9` would, between the acknowledgement and the
            // position's move.
            logger.LogCritical("CrashAfterPublish is set: killing this server after publishing {Count} event(s)", batch.Count);
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }

        await KafkaRelayStore.AdvanceAsync(connection, KafkaRelay.Name, batch[^1].Event.Position, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Sends the batch in order and waits for every acknowledgement; the first failure is thrown once all have settled.
    /// Enqueueing in the events' order is what keeps each key's events in order.
    /// </summary>
    private async Task PublishAsync(IReadOnlyList<EncodedEvent> batch, CancellationToken cancellationToken)
    {
        var producer = Producer();
        var deliveries = new List<Task>(batch.Count);
        foreach (var (e, topic, value) in batch)
        {
            var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            producer.Produce(topic, new Message<string, byte[]>
            {
                Key = e.AggregateId,
                Value = value,
                Headers = new Headers
                {
                    { EventIdHeader, Encoding.UTF8.GetBytes(e.EventId.ToString()) },
                    { EventTypeHeader, Encoding.UTF8.GetBytes(e.Type) },
                },
            }, report =>
            {
                if (report.Error.IsError)
                {
                    delivered.TrySetException(new ProduceException<string, byte[]>(report.Error, report));
                }
                else
                {
                    delivered.TrySetResult();
                }
            });
            deliveries.Add(delivered.Task);
        }

        try
        {
            await Task.WhenAll(deliveries).WaitAsync(cancellationToken);
        }
        catch (ProduceException<string, byte[]> e) when (e.Error.IsFatal)
        {
            // A fatal error ends an idempotent producer for good; the next batch gets a new one (and a new producer id).
            DropProducer();
            throw;
        }
    }

    private IProducer<string, byte[]> Producer()
    {
        if (_producer is { } producer)
        {
            return producer;
        }

        var config = new ProducerConfig(_options.Producer)
        {
            BootstrapServers = _options.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            MessageTimeoutMs = (int)_options.MessageTimeout.TotalMilliseconds,
            ClientId = "genie-kafka-relay",
        };
        _producer = new ProducerBuilder<string, byte[]>(config)
            .SetLogHandler((_, log) => logger.Log(LevelOf(log.Level), "librdkafka {Facility}: {Message}", log.Facility, log.Message))
            .Build();
        return _producer;
    }

    // A broker that is down makes librdkafka log an error per connection attempt; the relay reports the outage once
    // itself (and in /readyz), so only librdkafka's graver lines reach the log by default.
    private static LogLevel LevelOf(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Warning,
        _ => LogLevel.Debug,
    };

    private void DropProducer()
    {
        _producer?.Dispose();
        _producer = null;
    }

    public void Dispose() => DropProducer();
}
