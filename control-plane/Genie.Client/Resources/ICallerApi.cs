using Genie.Client.Contracts;
using Refit;

namespace Genie.Client.Resources;

/// <summary>The caller itself under `/api/v1`: who the server takes it for and what it may do.</summary>
public interface ICallerApi
{
    [Get("/api/v1/whoami")]
    Task<CallerResource> GetAsync(CancellationToken cancellationToken = default);
}
