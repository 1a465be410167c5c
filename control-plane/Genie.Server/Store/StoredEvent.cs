namespace Genie.Server.Store;

/// <summary>
/// A row of the `events` outbox as the stream reads it. <see cref="Settled"/> says its transaction lies below every
/// transaction still running, so nothing can commit before it any more; only settled rows are streamed.
/// <see cref="Namespace"/> and <see cref="Job"/> come from the payload (null for an event of the whole cluster).
/// </summary>
public sealed record StoredEvent(
    long Id,
    long Tx,
    bool Settled,
    DateTimeOffset OccurredAt,
    string AggregateType,
    string AggregateId,
    string Type,
    int SchemaVersion,
    string Actor,
    string Payload,
    string? Namespace,
    string? Job)
{
    public EventPosition Position => new(Tx, Id);
}
