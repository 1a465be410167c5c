using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Housekeeping;

/// <summary>Deletes outbox events older than <see cref="HousekeepingOptions.EventRetention"/>, a batch at a time.</summary>
public sealed class EventPruning(HousekeepingStore store, IOptions<HousekeepingOptions> options, TimeProvider time) : IHousekeepingTask
{
    public string Name => "event-pruning";

    public string Description => "Deletes outbox events older than the event retention";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow() - settings.EventRetention;
        var total = 0;
        int deleted;
        do
        {
            deleted = await store.DeleteEventsBeforeAsync(cutoff, settings.BatchSize, cancellationToken);
            total += deleted;
        }
        while (deleted == settings.BatchSize);

        return $"deleted {total} event(s) older than {cutoff:O}";
    }
}
