namespace Genie.Chaos.Harness;

/// <summary>Which final states a scenario accepts for the runs of each job (`succeeded` for a job not named).</summary>
public sealed record RunExpectation(IReadOnlyDictionary<string, IReadOnlySet<string>> FinalStates, bool TasksWriteLedger = true)
{
    public static RunExpectation AllSucceed { get; } = new(new Dictionary<string, IReadOnlySet<string>>());

    public IReadOnlySet<string> For(string job) =>
        FinalStates.TryGetValue(job, out var states) ? states : new HashSet<string> { "succeeded" };
}
