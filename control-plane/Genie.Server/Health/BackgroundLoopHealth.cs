using System.Collections.Concurrent;

namespace Genie.Server.Health;

/// <summary>
/// The background loops of this server (executors, and any other loop hosted through <see cref="LoopWatch{TService}"/>)
/// and which of them died. A loop that died does its work nowhere on this replica until Genie restarts, so
/// `/readyz` answers 503 naming it for as long as the process lives.
/// </summary>
public sealed class BackgroundLoopHealth
{
    private readonly ConcurrentDictionary<string, DeadLoop?> _loops = new();

    /// <summary>A loop that ended while the server was not stopping, with why.</summary>
    public sealed record DeadLoop(string Name, string Reason, DateTimeOffset DiedAt);

    /// <summary>The loops started so far, by name.</summary>
    public IReadOnlyCollection<string> Loops => [.. _loops.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The loops that died, by name.</summary>
    public IReadOnlyList<DeadLoop> Dead => [.. _loops.Values.OfType<DeadLoop>().OrderBy(d => d.Name, StringComparer.Ordinal)];

    public void Started(string name) => _loops[name] = null;

    public void Died(string name, string reason, DateTimeOffset at) => _loops[name] = new DeadLoop(name, reason, at);
}
