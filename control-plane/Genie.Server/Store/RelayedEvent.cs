namespace Genie.Server.Store;

/// <summary>An outbox row as the Kafka relay publishes it: the envelope columns and the payload's JSON.</summary>
public sealed record RelayedEvent(
    long Id,
    long Tx,
    Guid EventId,
    DateTimeOffset OccurredAt,
    string AggregateId,
    string Type,
    int SchemaVersion,
    string Actor,
    string Payload)
{
    public EventPosition Position => new(Tx, Id);
}
