using Genie.Client.Contracts;
using Refit;

namespace Genie.Client.Resources;

/// <summary>The audit log under `/api/v1`: every mutating call, newest first.</summary>
public interface IAuditApi
{
    [Get("/api/v1/audit")]
    Task<Page<AuditRecordResource>> ListAsync([Query] AuditListQuery? query = null, CancellationToken cancellationToken = default);
}
