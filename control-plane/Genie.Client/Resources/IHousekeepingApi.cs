using Genie.Client.Contracts;
using Refit;

namespace Genie.Client.Resources;

/// <summary>Genie's housekeeping jobs under `/api/v1/housekeeping`.</summary>
public interface IHousekeepingApi
{
    /// <summary>The housekeeping jobs with their last run and outcome.</summary>
    [Get("/api/v1/housekeeping")]
    Task<IReadOnlyList<HousekeepingTaskResource>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs one housekeeping job now and returns it with the outcome of that run.</summary>
    [Post("/api/v1/housekeeping/{name}/run")]
    Task<HousekeepingTaskResource> RunAsync(string name, CancellationToken cancellationToken = default);
}
