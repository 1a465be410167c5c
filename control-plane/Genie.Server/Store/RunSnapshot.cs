namespace Genie.Server.Store;

/// <summary>A run with its task instances and their attempts, all as of one moment.</summary>
public sealed record RunSnapshot(RunRecord Run, IReadOnlyList<TaskInstanceRecord> Instances, IReadOnlyList<AttemptRecord> Attempts);
