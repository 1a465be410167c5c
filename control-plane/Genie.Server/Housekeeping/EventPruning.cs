using Genie.Server.Kafka;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Housekeeping;

/// <summary>
/// Deletes outbox events older than <see cref="HousekeepingOptions.EventRetention"/>, a batch at a time; with the Kafka
/// relay on, only those it has published.
/// </summary>
public sealed class EventPruning(
    HousekeepingStore store, IOptions<HousekeepingOptions> options, IOptions<KafkaOptions> kafka, TimeProvider time) : IHousekeepingTask
{
    public string Name => "event-pruning";

    public string Description => "Deletes outbox events older than the event retention";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow() - settings.EventRetention;
        var total = await BatchedDelete.RunAsync(
            (batch, ct) => store.DeleteEventsBeforeAsync(cutoff, batch, kafka.Value.Enabled ? KafkaRelay.Name : null, ct), settings.BatchSize, cancellationToken);
        return $"deleted {total} event(s) older than {cutoff:O}";
    }
}
