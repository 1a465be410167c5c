using System.Diagnostics;
using System.Globalization;
using Genie.Benchmarks.Harness;

namespace Genie.Benchmarks.ApiAtScale;

/// <summary>
/// List and filter latency of the REST API over a database the size of a busy installation: jobs, months of
/// runs and their task rows, bulk-loaded once with COPY, then the same varied requests measured every round.
/// </summary>
public sealed class ApiAtScaleBenchmark : IBenchmark
{
    private const string Database = "scale";
    private const ulong Seed = 20_260_101;

    public string Area => "API at scale";

    public int Order => 50;

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var jobCount = settings.Size(10_000, 100);
        var runCount = settings.Size(1_000_000, 2_000);
        var requests = settings.Size(200, 10);
        var warmUp = settings.Size(20, 2);

        // Housekeeping would start deleting month-old runs (and scanning for stuck ones) in the middle of the measurement.
        await using var server = await context.StartGenieAsync(Database, new Dictionary<string, string>
        {
            ["Genie:Housekeeping:Interval"] = "1.00:00:00",
            ["Genie:Housekeeping:RunRetention"] = "3650.00:00:00",
        }, cancellationToken);
        var connectionString = await context.Cluster.DatabaseAsync(Database, cancellationToken);

        var clock = Stopwatch.StartNew();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var historyStart = now - TimeSpan.FromDays(180);
        var jobs = ScaleJobCatalog.Generate(jobCount, historyStart, now, Seed);
        var runs = ScaleRunHistory.Generate(jobs, runCount, historyStart, now, Seed + 1);
        var data = new ScaleDataset(jobs, runs, now, Path.Combine(context.Cluster.Root, Database));
        Console.Error.WriteLine($"  generated {jobs.Count:N0} jobs and {runs.Length:N0} runs in {clock.Elapsed.TotalSeconds:0.0} s");

        var load = await ScaleLoader.LoadAsync(connectionString, data, settings.Size(50_000, 500), cancellationToken);
        Console.Error.WriteLine(
            $"  loaded {load.Rows:N0} rows ({load.Runs:N0} runs, {load.Tasks:N0} task rows, {load.Attempts:N0} attempts) " +
            $"in {load.Copy.TotalSeconds:0.0} s, vacuum analyze {load.Vacuum.TotalSeconds:0.0} s");
        // The loader writes prepared rows straight into Genie's tables with binary COPY; the server takes no part, so the row is the harness's.
        context.Results.Add(new BenchResult(Area, "dataset bulk load (the harness's binary COPY)", ResultTable.Harness,
            load.Rows / load.Copy.TotalSeconds, "rows/s", Better.Higher,
            Note: string.Create(CultureInfo.InvariantCulture,
                $"setup, not a Genie figure: {load.Jobs:N0} jobs ({load.Versions:N0} versions), {load.Runs:N0} runs, {load.Tasks:N0} task rows, {load.Attempts:N0} attempts in {load.Copy.TotalSeconds:0} s over 3 pipelined connections, once; then VACUUM ANALYZE {load.Vacuum.TotalSeconds:0} s")));

        var client = server.CreateClient();
        var probes = ScaleRequests.For(client, data);
        var rounds = await context.RoundsAsync(async round =>
        {
            var figures = new List<(double P95, double P50)>();
            foreach (var probe in probes)
            {
                // Each round sends a different slice of the same endless, reproducible parameter mix.
                var latencies = await LatencyProbe.MeasureAsync(probe, round * (requests + warmUp), warmUp, requests, cancellationToken);
                figures.Add((Samples.Percentile(latencies, 95), Samples.Percentile(latencies, 50)));
            }

            return figures;
        });

        for (var i = 0; i < probes.Count; i++)
        {
            var p95 = Samples.Median(rounds.Select(r => r[i].P95));
            var p50 = Samples.Median(rounds.Select(r => r[i].P50));
            context.Results.Add(new BenchResult(Area, probes[i].Metric, ResultTable.Genie, p95, "ms", Better.Lower,
                Note: string.Create(CultureInfo.InvariantCulture, $"p50 {p50:0.0#} ms; {requests} requests × {settings.Rounds} rounds")));
        }
    }
}
