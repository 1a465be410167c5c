namespace Genie.Core.Runs;

/// <summary>
/// What a run should do next: instances to start, instances to settle without running
/// (skipped, upstream failed), and, once every instance is terminal, the run's outcome.
/// </summary>
public sealed record RunPlan(
    IReadOnlyList<TaskInstance> Start,
    IReadOnlyList<TaskSettlement> Settle,
    RunState? Outcome);
