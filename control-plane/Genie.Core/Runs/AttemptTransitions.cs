namespace Genie.Core.Runs;

/// <summary>
/// The moves of an attempt: it is created running and ends once, in one of four states. An ended attempt
/// never changes; a new try is a new attempt.
/// </summary>
public static class AttemptTransitions
{
    public static TransitionTable<AttemptState> Table { get; } = new([
        (AttemptState.Running, [AttemptState.Succeeded, AttemptState.Failed, AttemptState.Skipped, AttemptState.Cancelled]),
    ]);
}
