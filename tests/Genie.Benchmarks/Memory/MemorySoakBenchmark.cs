using System.Diagnostics;
using System.Globalization;
using Genie.Benchmarks.Harness;
using Genie.Benchmarks.LocalExecution;
using Genie.Benchmarks.Triggering;

namespace Genie.Benchmarks.Memory;

/// <summary>
/// Whether the server's memory grows under a steady moderate load: a one-task job (`true`) triggered over HTTP at a fixed
/// rate for ten minutes while the server's resident set (VmRSS) is sampled every few seconds; the trend is the
/// least-squares slope of those samples after a warm-up. Every run must succeed.
/// </summary>
public sealed class MemorySoakBenchmark : IBenchmark
{
    private const string Area = "Memory soak";
    private const int RatePerMinute = 600;
    private const string Job = "soak";

    string IBenchmark.Area => Area;

    public int Order => 27;

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var server = await context.StartGenieAsync("soak", null, cancellationToken);
        var client = server.CreateClient(128);
        var duration = TimeSpan.FromSeconds(context.Settings.Size(600, 10));
        var interval = TimeSpan.FromSeconds(context.Settings.Size(5, 1));

        // The first tenth is warm-up (JIT, the connection pool, the GC sizing its heap); growth after it is what would
        // keep going.
        var warmUp = duration / 10;
        await client.ApplyJobAsync(BenchJobs.Namespace, Job, BenchJobs.SingleTask(Job), cancellationToken: cancellationToken);

        var samples = new List<(TimeSpan At, long Bytes)>();
        var clock = Stopwatch.StartNew();
        var load = new TriggerLoad(client, BenchJobs.Namespace, [Job]).AtRateAsync(RatePerMinute / 60.0, duration, cancellationToken);
        using (var timer = new PeriodicTimer(interval))
        {
            samples.Add((clock.Elapsed, server.ResidentBytes()));
            while (!load.IsCompleted && await timer.WaitForNextTickAsync(cancellationToken))
            {
                samples.Add((clock.Elapsed, server.ResidentBytes()));
            }
        }

        var triggered = (await load).Count;
        samples.Add((clock.Elapsed, server.ResidentBytes()));
        var peak = server.PeakResidentBytes();
        var fitted = samples.Where(s => s.At >= warmUp).Select(s => (s.At.TotalMinutes, PeakMemory.Mebibytes(s.Bytes))).ToList();
        var slope = LeastSquares.Slope(fitted);

        var what = string.Create(CultureInfo.InvariantCulture,
            $"VmRSS of the server process (its own, started for this area) every {interval.TotalSeconds:0} s while a one-task job (`true`) " +
            $"is triggered over HTTP at {RatePerMinute} runs/min, open loop, for {duration.TotalSeconds:0} s ({triggered:N0} runs, {samples.Count} samples)");
        Add(context, "server RSS at the start", PeakMemory.Mebibytes(samples[0].Bytes), "MiB", what + "; the first sample, as the first trigger is sent");
        Add(context, "server RSS at the end", PeakMemory.Mebibytes(samples[^1].Bytes), "MiB", what + "; the last sample, once the last trigger answered");
        Add(context, "server peak RSS", PeakMemory.Mebibytes(peak), "MiB", what + "; VmHWM (the kernel's peak since the server started) after the last sample");
        Add(context, "server RSS growth (least-squares slope)", slope, "MiB/min", string.Create(CultureInfo.InvariantCulture,
            $"{what}; slope of the {fitted.Count} samples after the first {warmUp.TotalSeconds:0} s (warm-up), fitted by least squares"));

        await RunPolling.WaitUntilIdleAsync(client, BenchJobs.Namespace, Job, TimeSpan.FromMinutes(5), cancellationToken);
        FinishedRuns.EnsureAllSucceeded(await RunPolling.AllRunsAsync(client, BenchJobs.Namespace, Job, cancellationToken), triggered, Job);
    }

    private static void Add(BenchContext context, string metric, double value, string unit, string note) =>
        context.Results.Add(new BenchResult(Area, metric, ResultTable.Genie, value, unit, Better.Lower, Note: note));
}
