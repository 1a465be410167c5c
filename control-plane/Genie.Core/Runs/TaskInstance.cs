namespace Genie.Core.Runs;

/// <summary>One replica of one task in a run, with its current state.</summary>
public sealed record TaskInstance(string Task, int Replica, TaskState State);

/// <summary>A decision to move a pending task instance to a terminal state without running it.</summary>
public sealed record TaskSettlement(string Task, int Replica, TaskState State, string Reason);
