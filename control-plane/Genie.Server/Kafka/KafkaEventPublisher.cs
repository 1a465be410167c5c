using System.Text;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Kafka;

/// <summary>
/// Publishes outbox events to Kafka: an idempotent producer (`acks=all`, so a retried send never duplicates or
/// reorders within a partition), values in Avro through the Schema Registry serializer (subjects `{topic}-{record}`),
/// keys the aggregate id, headers `genie.event_id` and `genie.event_type`.
/// </summary>
public sealed class KafkaEventPublisher : IAsyncDisposable
{
    public const string EventIdHeader = "genie.event_id";
    public const string EventTypeHeader = "genie.event_type";

    private readonly KafkaOptions _options;
    private readonly ISchemaRegistryClient _registry;
    private readonly AvroSerializer<GenericRecord> _serializer;
    private readonly ILogger<KafkaEventPublisher> _logger;
    private IProducer<string, byte[]>? _producer;

    public KafkaEventPublisher(IOptions<KafkaOptions> options, ILogger<KafkaEventPublisher> logger)
    {
        _options = options.Value;
        _logger = logger;
        _registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = _options.SchemaRegistryUrl });
        _serializer = new AvroSerializer<GenericRecord>(_registry, new AvroSerializerConfig
        {
            AutoRegisterSchemas = true,
            SubjectNameStrategy = SubjectNameStrategy.TopicRecord,
        });
    }

    /// <summary>
    /// Sends <paramref name="events"/> in order and waits for every acknowledgement; the first failure is thrown once
    /// all have settled. Values are serialised one by one before any is enqueued: the serializer is asynchronous (it
    /// may ask the registry), and enqueueing in the events' order is what keeps each key's events in order.
    /// </summary>
    public async Task PublishAsync(IReadOnlyList<RelayedEvent> events, CancellationToken cancellationToken)
    {
        var messages = new List<(string Topic, Message<string, byte[]> Message)>(events.Count);
        foreach (var e in events)
        {
            var topic = EventTopics.Of(e.Type, _options.TopicPrefix);
            var value = await _serializer.SerializeAsync(EventRecord.Of(e), new SerializationContext(MessageComponentType.Value, topic));
            messages.Add((topic, new Message<string, byte[]>
            {
                Key = e.AggregateId,
                Value = value,
                Headers = new Headers
                {
                    { EventIdHeader, Encoding.UTF8.GetBytes(e.EventId.ToString()) },
                    { EventTypeHeader, Encoding.UTF8.GetBytes(e.Type) },
                },
            }));
        }

        var producer = Producer();
        var deliveries = new List<Task>(messages.Count);
        foreach (var (topic, message) in messages)
        {
            var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            producer.Produce(topic, message, report =>
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
            .SetLogHandler((_, log) => _logger.Log(LevelOf(log.Level), "librdkafka {Facility}: {Message}", log.Facility, log.Message))
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

    public ValueTask DisposeAsync()
    {
        DropProducer();
        _registry.Dispose();
        return ValueTask.CompletedTask;
    }
}
