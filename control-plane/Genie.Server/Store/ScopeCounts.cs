namespace Genie.Server.Store;

/// <summary>
/// A concurrency scope as a trigger sees it under the scope's lock, each count stopping at the limit: its live runs
/// (queued, running, suspended: what the conflict policy counts) and those admission would count ahead of a new run
/// (running, suspended and due queued ones).
/// </summary>
public readonly record struct ScopeCounts(int Live, int AheadOfNew);
