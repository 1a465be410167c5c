using Genie.Server.Store;
using Genie.Server.Telemetry;

namespace Genie.Server.Runs.Transitions;

/// <summary>
/// What the state changes of one transaction ask for once it has committed: which runs executors should look at
/// (each once, however many changes named it), whether admission should look at everything, and the moves made
/// (for counters). Nothing here happens before commit, so no executor acts on a change that was rolled back.
/// </summary>
public sealed class StateEffects
{
    private readonly HashSet<Guid> _runs = [];
    private readonly List<string> _moves = [];
    private readonly List<StateObservation> _observations = [];

    public IReadOnlyCollection<Guid> RunsToWake => _runs;

    /// <summary>A run was queued or freed a concurrency slot: admission has to look at every queue.</summary>
    public bool WakeEverything { get; private set; }

    /// <summary>Each move as `run:queued->running`, `task:running->succeeded`, `attempt:running->failed`, in order.</summary>
    public IReadOnlyList<string> Moves => _moves;

    /// <summary>The moves with their labels and the durations they end, for Genie's meter once committed.</summary>
    public IReadOnlyList<StateObservation> Observations => _observations;

    public bool IsEmpty => _runs.Count == 0 && !WakeEverything && _moves.Count == 0;

    internal void Wake(Guid runId) => _runs.Add(runId);

    internal void WakeAll() => WakeEverything = true;

    internal void Record(RunRecord run, string kind, string from, string to, TimeSpan? elapsed = null)
    {
        _moves.Add($"{kind}:{from}->{to}");
        Observe(run, kind, from, to, elapsed);
    }

    internal void Observe(RunRecord run, string kind, string from, string to, TimeSpan? elapsed) =>
        _observations.Add(new StateObservation(kind, run.Namespace, run.Executor, run.JobName, from, to, elapsed));

    /// <summary>Tells executors, one wake-up per run named.</summary>
    public void Apply(RunSignal signal)
    {
        foreach (var run in _runs)
        {
            signal.Wake(run);
        }

        if (WakeEverything)
        {
            signal.Wake();
        }
    }
}
