using Genie.Server.Store;

namespace Genie.Server.Kafka;

/// <summary>
/// Counts the relay's backlog every few seconds for the gauge and `/readyz`, on every replica: the gauge must grow
/// while Kafka is down, when the relay itself is stuck waiting for acknowledgements.
/// </summary>
public sealed class KafkaBacklogSampler(KafkaRelayStore store, KafkaRelayStatus status, TimeProvider time, ILogger<KafkaBacklogSampler> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Ends by the delay's cancellation at shutdown, which the host expects of a background service.
        while (true)
        {
            try
            {
                status.Sampled(await store.BacklogAsync(KafkaRelay.Name, stoppingToken));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The sample stays as it was through a database outage; readiness reports the outage itself.
                logger.LogDebug(e, "Sampling the Kafka relay's backlog failed");
            }

            await Task.Delay(Interval, time, stoppingToken);
        }
    }
}
