using System.Globalization;
using Genie.Benchmarks.Harness;
using Genie.Benchmarks.LocalExecution;
using Genie.Benchmarks.Memory;
using Genie.Benchmarks.Triggering;
using Genie.Client;

namespace Genie.Benchmarks.OpenLoop;

/// <summary>
/// Run latency under a steady arrival rate, the way users meet it: a two-task job (a → b, each `true`) triggered over
/// HTTP on a fixed schedule (each request starts on time whether or not earlier ones returned, so a slow server shows as
/// latency and backlog instead of a lower rate) at rising rates, so the rate where latency turns up (the knee) is visible.
/// Latency is each run's created → finished from the runs API; every run must succeed.
/// </summary>
public sealed class OpenLoopBenchmark : IBenchmark
{
    private const string Area = "Open loop";
    private static readonly int[] RatesPerMinute = [500, 1_000, 2_000, 4_000];
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(10);

    string IBenchmark.Area => Area;

    public int Order => 25;

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var server = await context.StartGenieAsync("openloop", null, cancellationToken);
        var client = server.CreateClient(256);
        var duration = TimeSpan.FromSeconds(context.Settings.Size(60, 3));
        int[] rates = context.Settings.Smoke ? [300] : RatesPerMinute;
        var failures = new List<string>();

        // One pass per rate, slowest first, each on its own job and drained before the next: a minute at a fixed rate is
        // already hundreds to thousands of runs, so the rounds other areas take would only make the run longer.
        foreach (var rate in rates)
        {
            var step = await StepAsync(client, rate, duration, cancellationToken);
            var shape = string.Create(CultureInfo.InvariantCulture,
                $"two-task job (a → b, each `true`), {rate:N0} runs/min for {duration.TotalSeconds:0} s, open loop over HTTP, one pass; " +
                $"trigger request p50 {step.TriggerP50:0.0} ms, p99 {step.TriggerP99:0.0} ms; last run finished {step.DrainSeconds:0.0} s after the last was created");
            Add(context, $"run latency p50 at {rate:N0} runs/min (created → finished)", Samples.Percentile(step.Latencies, 50), "ms", Better.Lower, shape);
            Add(context, $"run latency p99 at {rate:N0} runs/min (created → finished)", Samples.Percentile(step.Latencies, 99), "ms", Better.Lower, shape);
            Add(context, $"runs succeeded at {rate:N0} runs/min", step.Succeeded, "runs", Better.Higher,
                string.Create(CultureInfo.InvariantCulture, $"{step.Succeeded:N0} of {step.Triggered:N0} triggered (the area fails unless all succeed)"));
            if (step.Succeeded != step.Triggered)
            {
                failures.Add($"{step.Succeeded} of {step.Triggered} runs succeeded at {rate} runs/min");
            }
        }

        PeakMemory.AddRow(context, server, Area);
        if (failures.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", failures));
        }
    }

    private static async Task<Step> StepAsync(GenieClient client, int ratePerMinute, TimeSpan duration, CancellationToken cancellationToken)
    {
        var job = $"pair-{ratePerMinute}";
        await client.ApplyJobAsync(BenchJobs.Namespace, job, BenchJobs.TwoTasks(job), cancellationToken: cancellationToken);
        var triggers = await new TriggerLoad(client, BenchJobs.Namespace, [job]).AtRateAsync(ratePerMinute / 60.0, duration, cancellationToken);
        await RunPolling.WaitUntilIdleAsync(client, BenchJobs.Namespace, job, DrainTimeout, cancellationToken);

        var runs = await RunPolling.AllRunsAsync(client, BenchJobs.Namespace, job, cancellationToken);
        var finished = runs.Where(r => r.FinishedAt is not null).ToList();
        return new Step(
            triggers.Count,
            FinishedRuns.Succeeded(runs),
            FinishedRuns.LatenciesMs(finished),
            Samples.Percentile(triggers, 50),
            Samples.Percentile(triggers, 99),
            finished.Count == 0 ? 0 : (finished.Max(r => r.FinishedAt!.Value) - runs.Max(r => r.CreatedAt)).TotalSeconds);
    }

    private static void Add(BenchContext context, string metric, double value, string unit, Better better, string note) =>
        context.Results.Add(new BenchResult(Area, metric, ResultTable.Genie, value, unit, better, Note: note));

    /// <summary>One rate's outcome: how many runs were triggered and succeeded, their latencies (ms), the trigger requests' own latency, and how long the backlog took to drain.</summary>
    private sealed record Step(int Triggered, int Succeeded, List<double> Latencies, double TriggerP50, double TriggerP99, double DrainSeconds);
}
