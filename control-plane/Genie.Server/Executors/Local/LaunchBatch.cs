using Genie.Server.Store;

namespace Genie.Server.Executors.Local;

/// <summary>
/// The attempts one transaction starts, and the slots it holds for them. The processes are launched only once the
/// transaction has committed; slots it took but did not use, and those of a try that rolled back, go back to the pool.
/// </summary>
internal sealed class LaunchBatch(SlotPool slots, int inherited)
{
    private readonly int _inherited = inherited;

    /// <summary>Attempts started in the transaction (in the database: running, owned by this replica), to launch after commit.</summary>
    public List<(AttemptKey Key, RunRecord Run)> Attempts { get; } = [];

    /// <summary>Slots held: the inherited one (an ended attempt's, passed on to its successor) and those taken since.</summary>
    public int Held { get; private set; } = inherited;

    /// <summary>The transaction queued tasks it found no slot for: the dispatch has to hand them one.</summary>
    public bool LeftWaiting { get; set; }

    /// <summary>Slots held but not used by an attempt of this batch.</summary>
    public int Unused => Held - Attempts.Count;

    /// <summary>Makes room for up to <paramref name="wanted"/> more attempts; how many may start.</summary>
    public int Reserve(int wanted)
    {
        if (Unused < wanted)
        {
            Held += slots.TryTake(wanted - Unused);
        }

        return Math.Min(wanted, Unused);
    }

    /// <summary>The transaction rolled back: nothing of it is launched, and only the inherited slot is still held.</summary>
    public void Abandon()
    {
        slots.Return(Held - _inherited);
        Held = _inherited;
        Attempts.Clear();
        LeftWaiting = false;
    }

    /// <summary>After the launches: returns the slots no attempt used; how many.</summary>
    public int ReturnUnused()
    {
        var unused = Unused;
        slots.Return(unused);
        Held -= unused;
        return unused;
    }
}
