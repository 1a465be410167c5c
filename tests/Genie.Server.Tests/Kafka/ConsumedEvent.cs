using Avro.Generic;

namespace Genie.Server.Tests.Kafka;

/// <summary>A message kcat read from a topic, its value decoded with the writer's schema from the registry.</summary>
public sealed record ConsumedEvent(
    string Topic, int Partition, long Offset, string Key, IReadOnlyDictionary<string, string> Headers, int SchemaId, GenericRecord Value)
{
    public Guid EventId => (Guid)Value["eventId"];

    public string Type => Headers["genie.event_type"];
}
