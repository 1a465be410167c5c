namespace Genie.Server.Store;

/// <summary>
/// Where an event stands in the stream: the id of the transaction that wrote it, then its row id (see migration
/// 0012). Streams deliver in this order and resume after a position, so an event committed late with a low id is
/// never passed over.
/// </summary>
public readonly record struct EventPosition(long Tx, long Id) : IComparable<EventPosition>
{
    /// <summary>Before every event.</summary>
    public static EventPosition Start { get; } = new(0, 0);

    public int CompareTo(EventPosition other) => Tx != other.Tx ? Tx.CompareTo(other.Tx) : Id.CompareTo(other.Id);

    public static bool operator >(EventPosition left, EventPosition right) => left.CompareTo(right) > 0;

    public static bool operator <(EventPosition left, EventPosition right) => left.CompareTo(right) < 0;

    public static bool operator >=(EventPosition left, EventPosition right) => left.CompareTo(right) >= 0;

    public static bool operator <=(EventPosition left, EventPosition right) => left.CompareTo(right) <= 0;
}
