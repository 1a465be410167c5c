namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// One task of a <see cref="FakeDagGraph"/>: its operator, direct upstream task ids, trigger rule, retries and skip
/// exit codes; the number of mapped instances (null when not mapped); for a ShortCircuitOperator its gate template
/// and whether it renders true for the run; for a TriggerDagRunOperator the child run it starts.
/// </summary>
public sealed record FakeGraphTask(
    string TaskId,
    string Operator,
    IReadOnlyList<string> Upstream,
    string TriggerRule,
    int Retries,
    IReadOnlyList<int> SkipOnExitCode,
    int? MapCount,
    string? Gate,
    bool? GateOpen,
    FakeChildTrigger? Trigger)
{
    public bool IsEmptyOperator => Operator == "EmptyOperator";

    public bool IsGate => Operator == "ShortCircuitOperator";

    /// <summary>The map indexes of its task instances: −1 for a plain task, 0..n−1 for a mapped one.</summary>
    public IEnumerable<int> MapIndexes() => MapCount is { } count ? Enumerable.Range(0, count) : [-1];
}
