using Genie.Client.Contracts;

namespace Genie.Benchmarks.LocalExecution;

/// <summary>What the areas that run tasks check and measure on a job's runs once they have ended.</summary>
public static class FinishedRuns
{
    /// <summary>Throws unless there are exactly <paramref name="expected"/> runs and every one succeeded.</summary>
    /// <remarks>A failed task means the figures would describe something else than the executor's normal path.</remarks>
    public static void EnsureAllSucceeded(IReadOnlyList<RunResource> runs, int expected, string job)
    {
        var succeeded = Succeeded(runs);
        if (runs.Count != expected || succeeded != expected)
        {
            var states = string.Join(", ", runs.GroupBy(r => r.State).Select(g => $"{g.Key}: {g.Count()}"));
            throw new InvalidOperationException($"expected {expected} succeeded runs of {job}, got {runs.Count} ({states})");
        }
    }

    public static int Succeeded(IEnumerable<RunResource> runs) => runs.Count(r => r.State == "succeeded" && r.FinishedAt is not null);

    /// <summary>Each run's created → finished time in milliseconds, from the API's timestamps.</summary>
    public static List<double> LatenciesMs(IEnumerable<RunResource> runs) =>
        runs.Select(r => (r.FinishedAt!.Value - r.CreatedAt).TotalMilliseconds).ToList();

    /// <summary>
    /// The most runs that were in `running` at one moment, from each run's start and finish time (a sweep over those
    /// instants, finishes before starts at the same instant), so nothing between two samples is missed.
    /// </summary>
    public static int MostRunningAtOnce(IEnumerable<RunResource> runs)
    {
        var edges = runs.Where(r => r.StartedAt is not null && r.FinishedAt is not null)
            .SelectMany(r => new[] { (At: r.StartedAt!.Value, Step: 1), (At: r.FinishedAt!.Value, Step: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Step);
        int running = 0, most = 0;
        foreach (var (_, step) in edges)
        {
            running += step;
            most = Math.Max(most, running);
        }

        return most;
    }
}
