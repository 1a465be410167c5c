using Genie.Server.Store;

namespace Genie.Server.Executors.Local;

/// <summary>What advancing a run did: whether anything changed, and which of its task instances now wait for a slot.</summary>
public sealed record RunProgress(bool Changed, IReadOnlyList<TaskInstanceRecord> Waiting)
{
    public static RunProgress Unchanged { get; } = new(false, []);

    /// <summary>The run reached its end (or its deadline): nothing of it waits any more.</summary>
    public static RunProgress Ended { get; } = new(true, []);
}
