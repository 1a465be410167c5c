using Genie.Server.Housekeeping;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Audit;

/// <summary>Deletes audit rows older than <see cref="AuditOptions.Retention"/>, a batch at a time.</summary>
public sealed class AuditRetention(
    AuditStore store, IOptions<AuditOptions> options, IOptions<HousekeepingOptions> housekeeping, TimeProvider time) : IHousekeepingTask
{
    public string Name => "audit-retention";

    public string Description => "Deletes audit log rows older than the audit retention";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        var total = await BatchedDelete.RunAsync(
            (batch, ct) => store.DeleteBeforeAsync(cutoff, batch, ct), housekeeping.Value.BatchSize, cancellationToken);
        return $"deleted {total} audit row(s) older than {cutoff:O}";
    }
}
