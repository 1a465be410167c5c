namespace Genie.Core.Runs;

/// <summary>
/// The moves a state machine allows, as data: for each state, the states it may go to next. A state that
/// is not listed as a source may not move at all.
/// </summary>
public sealed class TransitionTable<TState> where TState : struct, Enum
{
    private readonly Dictionary<TState, IReadOnlySet<TState>> _targets;
    private readonly Dictionary<TState, TState[]> _sources;

    public TransitionTable(IEnumerable<(TState From, TState[] To)> moves)
    {
        _targets = moves.ToDictionary(m => m.From, m => (IReadOnlySet<TState>)m.To.ToHashSet());
        _sources = Enum.GetValues<TState>().ToDictionary(
            to => to,
            to => Enum.GetValues<TState>().Where(from => _targets.TryGetValue(from, out var targets) && targets.Contains(to)).ToArray());
    }

    /// <summary>Every allowed move, grouped by the state it starts from.</summary>
    public IReadOnlyDictionary<TState, IReadOnlySet<TState>> Moves => _targets;

    /// <summary>Whether a thing in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public bool Allows(TState from, TState to) => _targets.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>The states from which <paramref name="to"/> may be reached (what a guarded update accepts).</summary>
    public IReadOnlyList<TState> SourcesOf(TState to) => _sources[to];
}
