using Genie.Benchmarks.Harness;
using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Benchmarks.LocalExecution;

/// <summary>
/// Genie's embedded executor end to end, as a user drives it over HTTP: how many one-task runs per second it
/// gets through and how long each takes from creation to finish, and how quickly a finished task hands off
/// to the next one in a long chain. Every time comes from the API's own run and attempt timestamps.
/// </summary>
public sealed class LocalExecutorBenchmark : IBenchmark
{
    private const string Area = "Local executor";
    private const int TriggersInFlight = 32;
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    string IBenchmark.Area => Area;

    public int Order => 20;

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var server = await context.StartGenieAsync("local", null, cancellationToken);
        var client = server.CreateClient();
        var runCount = context.Settings.Size(1_000, 20);
        var chainLength = context.Settings.Size(200, 10);

        var throughput = await context.RoundsAsync(round => ManyRunsAsync(client, $"noop-{round}", runCount, cancellationToken));
        var runs = $"{runCount:N0} one-task runs (`true`) triggered over HTTP, {TriggersInFlight} requests in flight";
        Add(context, "run throughput", Samples.Median(throughput.Select(t => t.RunsPerSecond)), "runs/s", Better.Higher,
            note: runs + "; first created → last finished");
        Add(context, "run latency p50 (created → finished)", Samples.Median(throughput.Select(t => t.P50)), "ms", Better.Lower, note: runs);
        Add(context, "run latency p99 (created → finished)", Samples.Median(throughput.Select(t => t.P99)), "ms", Better.Lower, note: runs);

        const string chainJob = "chain";
        await client.ApplyJobAsync(BenchJobs.Namespace, chainJob, BenchJobs.Chain(chainJob, chainLength), cancellationToken: cancellationToken);
        var chains = await context.RoundsAsync(_ => ChainRunAsync(client, chainJob, chainLength, cancellationToken));
        var chain = $"{chainLength}-task chain of `true`; next attempt's start − previous attempt's finish, {chainLength - 1} hand-offs";
        Add(context, "task hand-off p50", Samples.Median(chains.Select(c => c.P50)), "ms", Better.Lower, "pickup-latency-p50", chain);
        Add(context, "task hand-off p99", Samples.Median(chains.Select(c => c.P99)), "ms", Better.Lower, "pickup-latency-p99", chain);
        Add(context, $"{chainLength}-task chain run (created → finished)", Samples.Median(chains.Select(c => c.Seconds)), "s", Better.Lower,
            note: $"{chainLength}-task chain of `true`");
    }

    private static async Task<(double RunsPerSecond, double P50, double P99)> ManyRunsAsync(
        GenieClient client, string job, int count, CancellationToken cancellationToken)
    {
        await client.ApplyJobAsync(BenchJobs.Namespace, job, BenchJobs.SingleTask(job), cancellationToken: cancellationToken);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = TriggersInFlight, CancellationToken = cancellationToken },
            async (_, ct) => await client.TriggerRunAsync(BenchJobs.Namespace, job, cancellationToken: ct));
        await RunPolling.WaitUntilIdleAsync(client, BenchJobs.Namespace, job, RunTimeout, cancellationToken);

        var runs = await RunPolling.AllRunsAsync(client, BenchJobs.Namespace, job, cancellationToken);
        EnsureAllSucceeded(runs, count, job);
        var first = runs.Min(r => r.CreatedAt);
        var last = runs.Max(r => r.FinishedAt!.Value);
        var latencies = runs.Select(r => (r.FinishedAt!.Value - r.CreatedAt).TotalMilliseconds).ToList();
        return (count / (last - first).TotalSeconds, Samples.Percentile(latencies, 50), Samples.Percentile(latencies, 99));
    }

    private static async Task<(double P50, double P99, double Seconds)> ChainRunAsync(
        GenieClient client, string job, int length, CancellationToken cancellationToken)
    {
        var triggered = await client.TriggerRunAsync(BenchJobs.Namespace, job, cancellationToken: cancellationToken);
        await RunPolling.WaitUntilIdleAsync(client, BenchJobs.Namespace, job, RunTimeout, cancellationToken);
        var run = await client.GetRunAsync(BenchJobs.Namespace, triggered.Id, cancellationToken);
        EnsureAllSucceeded([run], 1, job);

        var steps = (run.Tasks ?? []).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var handOffs = new List<double>();
        for (var i = 1; i < length; i++)
        {
            var previous = steps[BenchJobs.StepName(i - 1)].History.OrderBy(a => a.Attempt).Last();
            var next = steps[BenchJobs.StepName(i)].History.OrderBy(a => a.Attempt).First();
            handOffs.Add((next.StartedAt - previous.FinishedAt!.Value).TotalMilliseconds);
        }

        return (Samples.Percentile(handOffs, 50), Samples.Percentile(handOffs, 99), (run.FinishedAt!.Value - run.CreatedAt).TotalSeconds);
    }

    // A failed `true` means the figures would describe something else than the executor's normal path.
    private static void EnsureAllSucceeded(IReadOnlyList<RunResource> runs, int expected, string job)
    {
        var succeeded = runs.Count(r => r.State == "succeeded" && r.FinishedAt is not null);
        if (runs.Count != expected || succeeded != expected)
        {
            var states = string.Join(", ", runs.GroupBy(r => r.State).Select(g => $"{g.Key}: {g.Count()}"));
            throw new InvalidOperationException($"expected {expected} succeeded runs of {job}, got {runs.Count} ({states})");
        }
    }

    private static void Add(BenchContext context, string metric, double value, string unit, Better better, string? comparison = null, string? note = null) =>
        context.Results.Add(new BenchResult(Area, metric, ResultTable.Genie, value, unit, better, comparison, note));
}
