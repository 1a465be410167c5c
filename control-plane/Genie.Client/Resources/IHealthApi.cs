using Genie.Client.Contracts;
using Refit;

namespace Genie.Client.Resources;

/// <summary>Liveness and readiness, served beside the API rather than under `/api/v1`.</summary>
public interface IHealthApi
{
    [Get("/healthz")]
    Task<HealthReport> GetHealthAsync(CancellationToken cancellationToken = default);

    /// <summary>Ready when the database answers and every background loop runs; otherwise a 503 problem.</summary>
    [Get("/readyz")]
    Task<HealthReport> GetReadinessAsync(CancellationToken cancellationToken = default);
}
