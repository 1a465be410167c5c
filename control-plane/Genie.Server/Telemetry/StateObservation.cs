namespace Genie.Server.Telemetry;

/// <summary>What a committed state change tells Genie's meter: which move, where, and how long it took when that is known.</summary>
/// <param name="Kind">`run`, `task` or `attempt`, as in <see cref="Runs.Transitions.StateEffects.Moves"/>.</param>
/// <param name="Elapsed">A run's time since it started (terminal moves), an attempt's run time (its end), or null.</param>
public sealed record StateObservation(
    string Kind, string Namespace, string Executor, string Job, string Previous, string State, TimeSpan? Elapsed);
