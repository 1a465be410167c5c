using Genie.Server.Store;

namespace Genie.Server.Telemetry;

/// <summary>
/// Samples the queued runs every few seconds for the `genie.runs.queued` gauge. A scrape reads the latest sample rather
/// than querying: a gauge callback is synchronous, and a scraper (or several) must not put load on the database.
/// </summary>
public sealed class QueueDepthSampler(RunQueueStore queue, GenieInstruments instruments, TimeProvider time, ILogger<QueueDepthSampler> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private volatile IReadOnlyList<QueuedRuns> _latest = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        instruments.ObserveQueued(() => _latest);
        // Ends by the delay's cancellation at shutdown, which the host expects of a background service.
        while (true)
        {
            try
            {
                _latest = await queue.QueuedCountsAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The gauge keeps its last sample through a database outage; readiness reports the outage itself.
                logger.LogDebug(e, "Sampling the queued runs failed");
            }

            await Task.Delay(Interval, time, stoppingToken);
        }
    }
}
