using Genie.Benchmarks.Harness;

namespace Genie.Benchmarks.Triggering;

/// <summary>
/// Trigger throughput and latency over HTTP, and the server's peak memory meanwhile. The job queues its runs
/// behind one long first run (`maxActiveRuns: 1, onConflict: queue`), so every trigger takes the full path
/// (params, concurrency decision under the scope lock, insert, event, wake-up) and no task process competes
/// with the measurement for the two cores. Each round uses a new job, as queued runs pile up behind the last.
/// </summary>
public sealed class TriggerBenchmark : IBenchmark
{
    public const int InFlight = 32;
    private const string Ns = "bench";
    private static readonly int[] Rates = [50, 200];

    public string Area => "Trigger over HTTP";

    public int Order => 10;

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var server = await context.StartGenieAsync("trigger", null, cancellationToken);
        var client = server.CreateClient(InFlight * 2);
        var duration = TimeSpan.FromSeconds(context.Settings.Size(15, 2));

        var rounds = await context.RoundsAsync(async round =>
        {
            var job = $"queued-{round}";
            await client.ApplyJobAsync(Ns, job, Spec(job), cancellationToken: cancellationToken);
            var load = new TriggerLoad(client, Ns, job);
            await load.SaturateAsync(InFlight, TimeSpan.FromSeconds(context.Settings.Size(2, 1)), cancellationToken);
            var throughput = await load.SaturateAsync(InFlight, duration, cancellationToken);
            var latencies = new List<IReadOnlyList<double>>();
            foreach (var rate in Rates)
            {
                latencies.Add(await load.AtRateAsync(rate, duration, cancellationToken));
            }

            return (throughput, latencies);
        });

        context.Results.Add(new BenchResult(Area, "triggers at saturation", ResultTable.Genie,
            Samples.Median(rounds.Select(r => r.throughput)), "runs/s", Better.Higher, "enqueue-throughput",
            $"{InFlight} requests in flight, {duration.TotalSeconds:0} s"));
        for (var i = 0; i < Rates.Length; i++)
        {
            var index = i;
            foreach (var percentile in new[] { 50, 99 })
            {
                context.Results.Add(new BenchResult(Area, $"latency p{percentile} at {Rates[index]}/s", ResultTable.Genie,
                    Samples.Median(rounds.Select(r => Samples.Percentile(r.latencies[index], percentile))), "ms", Better.Lower,
                    Note: "open loop"));
            }
        }

        context.Results.Add(new BenchResult("Memory", "server peak RSS during the trigger test", ResultTable.Genie,
            server.PeakResidentBytes() / 1024.0 / 1024.0, "MiB", Better.Lower, Note: "VmHWM of the server process"));
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
