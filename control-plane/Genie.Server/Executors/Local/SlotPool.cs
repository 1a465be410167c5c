namespace Genie.Server.Executors.Local;

/// <summary>
/// The local executor's slots: how many attempts run (or are about to be launched) at once. A slot is taken before the
/// transaction that starts an attempt and returned when the attempt's end is recorded, unless that same transaction
/// passes it on to a successor, so the database never shows more attempts running than there are slots.
/// </summary>
public sealed class SlotPool(int capacity)
{
    private int _inUse;

    public int Capacity { get; } = capacity;

    public int InUse => Volatile.Read(ref _inUse);

    public int Free => Math.Max(0, Capacity - InUse);

    /// <summary>Takes up to <paramref name="wanted"/> slots; how many it got.</summary>
    public int TryTake(int wanted)
    {
        while (true)
        {
            var inUse = Volatile.Read(ref _inUse);
            var granted = Math.Min(Math.Max(0, wanted), Capacity - inUse);
            if (granted <= 0)
            {
                return 0;
            }

            if (Interlocked.CompareExchange(ref _inUse, inUse + granted, inUse) == inUse)
            {
                return granted;
            }
        }
    }

    public void Return(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (Interlocked.Add(ref _inUse, -count) < 0)
        {
            throw new InvalidOperationException("More slots were returned than taken.");
        }
    }
}
