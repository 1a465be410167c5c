using Genie.Server.Store;

namespace Genie.Server.Kafka;

/// <summary>An outbox event ready for Kafka: its topic and its value in Confluent's Avro wire format.</summary>
public sealed record EncodedEvent(RelayedEvent Event, string Topic, byte[] Value);
