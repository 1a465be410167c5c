namespace Genie.Server.Store;

/// <summary>How many runs of one namespace and executor wait in `queued`.</summary>
public sealed record QueuedRuns(string Namespace, string Executor, long Count);
