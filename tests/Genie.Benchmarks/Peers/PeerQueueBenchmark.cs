using System.Globalization;
using Genie.Benchmarks.Harness;

namespace Genie.Benchmarks.Peers;

/// <summary>
/// graphile-worker and pg-boss on the run's PostgreSQL: enqueue throughput (beside Genie's trigger throughput)
/// and pickup latency of an idle worker (beside Genie's hand-off latency), median over the rounds.
/// </summary>
public sealed class PeerQueueBenchmark : IBenchmark
{
    /// <summary>The same number of requests in flight as Genie's HTTP trigger benchmark, so enqueue figures compare.</summary>
    private const int Producers = 32;

    /// <summary>20 jobs/s at most: slow enough that every pickup finds the worker idle again.</summary>
    private const int PickupIntervalMs = 50;

    public string Area => "Peers";

    public int Order => 60;

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var workload = new PeerWorkload(
            EnqueueJobs: context.Settings.Size(full: 4_000, smoke: 200),
            Producers: Producers,
            PickupJobs: context.Settings.Size(full: 250, smoke: 20),
            PickupIntervalMs: PickupIntervalMs);
        var timeout = TimeSpan.FromMinutes(context.Settings.Size(full: 5, smoke: 2));

        var failures = new List<Exception>();
        foreach (var peer in PeerQueue.All)
        {
            // One broken peer must not hide the other's figures; the area still fails afterwards.
            try
            {
                await MeasureAsync(context, peer, workload, timeout, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(e);
                Console.Error.WriteLine($"  {peer.Package} failed: {e.Message}");
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Some peers could not be measured.", failures);
        }
    }

    private async Task MeasureAsync(
        BenchContext context, PeerQueue peer, PeerWorkload workload, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var subject = peer.Subject();
        var rounds = await context.RoundsAsync(async _ =>
        {
            // Each round installs the peer's schema into an empty database, so no round inherits another's tables.
            await context.Cluster.DropAsync(peer.Database, cancellationToken);
            var connectionString = await context.Cluster.DatabaseAsync(peer.Database, cancellationToken);
            return await PeerScript.RunAsync(peer, connectionString, workload, timeout, cancellationToken);
        });
        await context.Cluster.DropAsync(peer.Database, cancellationToken);

        var setup = rounds[0].Setup;
        var enqueueNote = string.Create(CultureInfo.InvariantCulture,
            $"{workload.EnqueueJobs:#,0} single-job {setup.Add}, {workload.Producers} in flight, no worker running");
        var pickupNote = string.Create(CultureInfo.InvariantCulture,
            $"{setup.Add} call → handler start, {workload.PickupJobs} jobs one at a time (≤{1000 / workload.PickupIntervalMs}/s), "
            + $"{setup.WorkerConcurrency} idle worker, {setup.WakeUp}");

        context.Results.Add(new BenchResult(Area, "enqueue throughput", subject,
            Samples.Median(rounds.Select(r => r.Enqueue.JobsPerSecond)), "jobs/s", Better.Higher, "enqueue-throughput", enqueueNote));
        context.Results.Add(new BenchResult(Area, "pickup latency p50", subject,
            Samples.Median(rounds.Select(r => Samples.Percentile(r.Pickup.SamplesMs, 50))), "ms", Better.Lower, "pickup-latency-p50", pickupNote));
        context.Results.Add(new BenchResult(Area, "pickup latency p99", subject,
            Samples.Median(rounds.Select(r => Samples.Percentile(r.Pickup.SamplesMs, 99))), "ms", Better.Lower, "pickup-latency-p99", pickupNote));
    }
}
