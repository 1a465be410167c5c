using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Kafka;

/// <summary>
/// Encodes outbox events as Kafka values: the event's Avro record through the Schema Registry serializer (schemas
/// registered under `{topic}-{record}`), framed as Confluent's wire format. Both modes of the relay send these bytes, so a
/// consumer cannot tell whether Genie's producer or Debezium delivered them.
/// </summary>
public sealed class KafkaEventEncoder : IDisposable
{
    private readonly KafkaOptions _options;
    private readonly ISchemaRegistryClient _registry;
    private readonly AvroSerializer<GenericRecord> _serializer;

    public KafkaEventEncoder(IOptions<KafkaOptions> options)
    {
        _options = options.Value;
        _registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = _options.SchemaRegistryUrl });
        _serializer = new AvroSerializer<GenericRecord>(_registry, new AvroSerializerConfig
        {
            AutoRegisterSchemas = true,
            SubjectNameStrategy = SubjectNameStrategy.TopicRecord,
        });
    }

    /// <summary>Encodes <paramref name="events"/> one by one, in order (the serializer may ask the registry).</summary>
    public async Task<IReadOnlyList<EncodedEvent>> EncodeAsync(IReadOnlyList<RelayedEvent> events, CancellationToken cancellationToken)
    {
        var encoded = new List<EncodedEvent>(events.Count);
        foreach (var e in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var topic = EventTopics.Of(e.Type, _options.TopicPrefix);
            var value = await _serializer.SerializeAsync(EventRecord.Of(e), new SerializationContext(MessageComponentType.Value, topic));
            encoded.Add(new EncodedEvent(e, topic, value));
        }

        return encoded;
    }

    public void Dispose() => _registry.Dispose();
}
