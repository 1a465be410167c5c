using Genie.Benchmarks.Harness;
using Genie.Benchmarks.Memory;

namespace Genie.Benchmarks.Triggering;

/// <summary>
/// Trigger throughput and latency over HTTP, and the server's peak memory meanwhile. Every job queues its runs
/// behind one long first run (`maxActiveRuns: 1, onConflict: queue`), so each trigger takes the full path
/// (params, concurrency decision under the scope lock, insert, event, wake-up) and no task process competes
/// for the two cores. Triggers of one job are ordered by its scope lock, so one job is measured apart from
/// many jobs; the many-jobs figure is the one set against the peers' independent enqueues.
/// </summary>
public sealed class TriggerBenchmark : IBenchmark
{
    public const int InFlight = 32;
    private const string Ns = "bench";
    private static readonly int[] Rates = [50, 100];

    public string Area => "Trigger over HTTP";

    public int Order => 10;

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var server = await context.StartGenieAsync("trigger", null, cancellationToken);
        var client = server.CreateClient(InFlight * 2);
        var duration = TimeSpan.FromSeconds(context.Settings.Size(10, 2));

        // Each round gets new jobs, as queued runs pile up behind the holding run of the last ones.
        var rounds = await context.RoundsAsync(async round =>
        {
            var jobs = new List<string>();
            for (var i = 0; i < InFlight; i++)
            {
                var job = $"queued-{round}-{i}";
                await client.ApplyJobAsync(Ns, job, Spec(job), cancellationToken: cancellationToken);
                jobs.Add(job);
            }

            var many = new TriggerLoad(client, Ns, jobs);
            var one = new TriggerLoad(client, Ns, [jobs[0]]);
            await many.SaturateAsync(InFlight, TimeSpan.FromSeconds(context.Settings.Size(2, 1)), cancellationToken);
            var manyJobs = await many.SaturateAsync(InFlight, duration, cancellationToken);
            var oneJob = await one.SaturateAsync(InFlight, duration, cancellationToken);
            var latencies = new List<IReadOnlyList<double>>();
            foreach (var rate in Rates)
            {
                latencies.Add(await many.AtRateAsync(rate, duration, cancellationToken));
            }

            return (manyJobs, oneJob, latencies);
        });

        var shape = $"{InFlight} requests in flight, {duration.TotalSeconds:0} s";
        context.Results.Add(new BenchResult(Area, $"triggers at saturation, {InFlight} jobs", ResultTable.Genie,
            Samples.Median(rounds.Select(r => r.manyJobs)), "runs/s", Better.Higher, "enqueue-throughput", shape));
        context.Results.Add(new BenchResult(Area, "triggers at saturation, one job", ResultTable.Genie,
            Samples.Median(rounds.Select(r => r.oneJob)), "runs/s", Better.Higher, Note: shape + ", ordered by the job's scope lock"));
        for (var i = 0; i < Rates.Length; i++)
        {
            var index = i;
            foreach (var percentile in new[] { 50, 99 })
            {
                context.Results.Add(new BenchResult(Area, $"latency p{percentile} at {Rates[index]}/s", ResultTable.Genie,
                    Samples.Median(rounds.Select(r => Samples.Percentile(r.latencies[index], percentile))), "ms", Better.Lower,
                    Note: $"open loop over {InFlight} jobs"));
            }
        }

        PeakMemory.AddRow(context, server, Area);
    }

    private static string Spec(string name) => $$"""
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: {{name}}}
        spec:
          executor: local
          concurrency: {maxActiveRuns: 1, onConflict: queue}
          tasks:
            - {name: hold, command: [sleep, "3600"]}
        """;
}
