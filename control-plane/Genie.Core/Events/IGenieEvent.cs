namespace Genie.Core.Events;

/// <summary>
/// A fact Genie records in its outbox in the transaction of the change it describes. The type name, schema
/// version and aggregate are properties of the record type (static), so they never leak into the payload;
/// each record is the payload, field for field.
/// </summary>
public interface IGenieEvent
{
    /// <summary>The event's name on the wire and in the outbox's `type` column (`run.state_changed`).</summary>
    static abstract string Type { get; }

    /// <summary>Raised when a field changes meaning or is removed; consumers read the version before the payload.</summary>
    static abstract int SchemaVersion { get; }

    /// <summary>What the events are ordered by: `run`, `job`.</summary>
    static abstract string AggregateType { get; }

    /// <summary>Which run or job the event belongs to; the Kafka key, so one aggregate's events stay in order.</summary>
    string AggregateId();

    /// <summary>Who caused the change (see <see cref="Actors"/>).</summary>
    string Actor { get; }
}
