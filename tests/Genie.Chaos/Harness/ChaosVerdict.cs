using System.Globalization;

namespace Genie.Chaos.Harness;

/// <summary>What the checks found after a scenario settled: what was counted, and every broken invariant.</summary>
public sealed record ChaosVerdict(
    int Triggers,
    int Runs,
    IReadOnlyDictionary<string, int> RunStates,
    int Attempts,
    int LedgerLines,
    int Events,
    IReadOnlyDictionary<string, int> Refusals,
    IReadOnlyList<string> Violations)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Triggers} triggers, {Runs} runs ({Describe(RunStates)}), {Attempts} attempts, {LedgerLines} ledger lines, {Events} run events; " +
        $"refused requests: {(Refusals.Count == 0 ? "none" : Describe(Refusals))}; " +
        $"{Violations.Count} violations{(Violations.Count == 0 ? "" : ":\n  " + string.Join("\n  ", Violations.Take(30)))}");

    private static string Describe(IReadOnlyDictionary<string, int> counts) =>
        string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key}"));
}
