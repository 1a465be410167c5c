using System.Globalization;
using Genie.Benchmarks.Harness;
using Genie.Benchmarks.Memory;
using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Benchmarks.LocalExecution;

/// <summary>
/// Genie's embedded executor end to end, as a user drives it over HTTP: how many one-task runs per second it
/// gets through and how long each takes from creation to finish (from the API's run timestamps), and how long
/// a long chain takes to get from one task's program to the next one's (stamped inside the tasks, see
/// <see cref="TaskStamps"/> and <see cref="HandOff"/>).
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
        Add(context, "most runs in `running` at once", throughput.Max(t => t.MostRunning), "runs", Better.Lower,
            note: runs + string.Create(CultureInfo.InvariantCulture,
                $"; the highest of the rounds, from the runs' start and finish times; the executor has {LocalSlots} slots (its default, 2 × cores), and admission follows them"));

        const string chainJob = "chain";
        await client.ApplyJobAsync(BenchJobs.Namespace, chainJob, BenchJobs.Chain(chainJob, chainLength), cancellationToken: cancellationToken);
        var chains = await context.RoundsAsync(_ => ChainRunAsync(client, chainJob, chainLength, cancellationToken));
        var chain = $"{chainLength}-task chain, each task a {TaskStamps.Description}";
        foreach (var percentile in (int[])[50, 99])
        {
            Add(context, $"task hand-off p{percentile} (last command → next task's first command)", HandOffFigure(chains, percentile, h => h.Total),
                "ms", Better.Lower, $"pickup-latency-p{percentile}", HandOffNote(chain, chainLength, chains, percentile));
        }

        Add(context, $"{chainLength}-task chain run (created → finished)", Samples.Median(chains.Select(c => c.Seconds)), "s", Better.Lower,
            note: chain);
        PeakMemory.AddRow(context, server, Area);
    }

    // The median over rounds of one round's percentile of one part of the hand-offs.
    private static double HandOffFigure(
        IReadOnlyList<ChainRound> chains, int percentile, Func<HandOff, double> part) =>
        Samples.Median(chains.Select(c => Samples.Percentile(c.HandOffs.Select(part), percentile)));

    private static string HandOffNote(
        string chain, int chainLength, IReadOnlyList<ChainRound> chains, int percentile) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{chain}; {chainLength - 1} hand-offs, each from a task's last command to the next task's first, both stamped inside ") +
        "the tasks (CLOCK_REALTIME, µs, one machine), so it includes bash's exit, the wrapper recording the exit code, Genie " +
        "noticing the exit, its database hand-off, preparing the launch, setsid, the wrapper shell, exec of bash and bash's start-up; " +
        string.Create(CultureInfo.InvariantCulture,
            $"p{percentile} of each part, cut by Genie's attempt timestamps: last command → recorded finish {HandOffFigure(chains, percentile, h => h.UntilRecordedFinish):0.00} ms, " +
            $"recorded finish → next recorded start {HandOffFigure(chains, percentile, h => h.Recorded):0.00} ms, " +
            $"recorded start → first command {HandOffFigure(chains, percentile, h => h.UntilFirstCommand):0.00} ms");

    /// <summary>The server's default `Genie:Local:Slots` on this machine.</summary>
    private static int LocalSlots => Math.Max(2, Environment.ProcessorCount * 2);

    private static async Task<(double RunsPerSecond, double P50, double P99, int MostRunning)> ManyRunsAsync(
        GenieClient client, string job, int count, CancellationToken cancellationToken)
    {
        await client.ApplyJobAsync(BenchJobs.Namespace, job, BenchJobs.SingleTask(job), cancellationToken: cancellationToken);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = TriggersInFlight, CancellationToken = cancellationToken },
            async (_, ct) => await client.TriggerRunAsync(BenchJobs.Namespace, job, cancellationToken: ct));
        await RunPolling.WaitUntilIdleAsync(client, BenchJobs.Namespace, job, RunTimeout, cancellationToken);

        var runs = await RunPolling.AllRunsAsync(client, BenchJobs.Namespace, job, cancellationToken);
        FinishedRuns.EnsureAllSucceeded(runs, count, job);
        var first = runs.Min(r => r.CreatedAt);
        var last = runs.Max(r => r.FinishedAt!.Value);
        var latencies = FinishedRuns.LatenciesMs(runs);
        return (count / (last - first).TotalSeconds, Samples.Percentile(latencies, 50), Samples.Percentile(latencies, 99),
            FinishedRuns.MostRunningAtOnce(runs));
    }

    private static async Task<ChainRound> ChainRunAsync(
        GenieClient client, string job, int length, CancellationToken cancellationToken)
    {
        var triggered = await client.TriggerRunAsync(BenchJobs.Namespace, job, cancellationToken: cancellationToken);
        await RunPolling.WaitUntilIdleAsync(client, BenchJobs.Namespace, job, RunTimeout, cancellationToken);
        var run = await client.GetRunAsync(BenchJobs.Namespace, triggered.Id, cancellationToken);
        FinishedRuns.EnsureAllSucceeded([run], 1, job);

        // Every task of a succeeded chain ran exactly once, so each has one attempt and one log.
        var steps = (run.Tasks ?? []).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var attempts = new List<TaskAttemptResource>(length);
        var stamps = new List<TaskStamps>(length);
        for (var i = 0; i < length; i++)
        {
            var name = BenchJobs.StepName(i);
            attempts.Add(steps[name].History.Single());
            stamps.Add(TaskStamps.FromLog(await client.GetTaskLogAsync(BenchJobs.Namespace, run.Id, name, cancellationToken: cancellationToken), name));
        }

        var handOffs = Enumerable.Range(1, length - 1)
            .Select(i => HandOff.Between(stamps[i - 1], attempts[i - 1], stamps[i], attempts[i]))
            .ToList();
        return new ChainRound(handOffs, (run.FinishedAt!.Value - run.CreatedAt).TotalSeconds);
    }

    private static void Add(BenchContext context, string metric, double value, string unit, Better better, string? comparison = null, string? note = null) =>
        context.Results.Add(new BenchResult(Area, metric, ResultTable.Genie, value, unit, better, comparison, note));

    /// <summary>One round of the chain: its hand-offs in order and how long the run took.</summary>
    private sealed record ChainRound(IReadOnlyList<HandOff> HandOffs, double Seconds);
}
