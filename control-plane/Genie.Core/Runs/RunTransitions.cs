namespace Genie.Core.Runs;

/// <summary>
/// The moves of a run. A run is created `queued` (or `skipped` by its concurrency policy); admission starts it;
/// suspend and resume pause it (a run suspended before admission goes back to the queue); cancel, a timeout or
/// its outcome end it; a retry puts an ended run back in the queue under the same id. Skipped runs never move.
/// </summary>
public static class RunTransitions
{
    public static TransitionTable<RunState> Table { get; } = new([
        (RunState.Queued, [RunState.Running, RunState.Suspended, RunState.Cancelled, RunState.Failed]),
        (RunState.Running, [RunState.Suspended, RunState.Succeeded, RunState.Failed, RunState.Cancelled]),
        (RunState.Suspended, [RunState.Queued, RunState.Running, RunState.Cancelled, RunState.Failed]),
        (RunState.Succeeded, [RunState.Queued]),
        (RunState.Failed, [RunState.Queued]),
        (RunState.Cancelled, [RunState.Queued]),
    ]);

    /// <summary>The states a run may be created in.</summary>
    public static IReadOnlySet<RunState> Initial { get; } = new HashSet<RunState> { RunState.Queued, RunState.Skipped };
}
