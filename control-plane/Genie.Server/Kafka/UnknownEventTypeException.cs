namespace Genie.Server.Kafka;

/// <summary>An outbox row of a type this server has no topic or schema for (written by a newer replica).</summary>
public sealed class UnknownEventTypeException(string eventType)
    : InvalidOperationException($"The outbox holds an event of type `{eventType}`, which this Genie has no Avro schema or topic for; upgrade it.")
{
    public string EventType { get; } = eventType;
}
