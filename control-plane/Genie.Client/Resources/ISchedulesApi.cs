using Genie.Client.Contracts;
using Refit;

namespace Genie.Client.Resources;

/// <summary>A job's schedule under `/api/v1`: read it, pause and resume it.</summary>
public interface ISchedulesApi
{
    /// <summary>A job's schedule: cron, zone, paused or not, and the next fire times.</summary>
    [Get("/api/v1/namespaces/{ns}/jobs/{job}/schedule")]
    Task<ScheduleResource> GetAsync(string ns, string job, CancellationToken cancellationToken = default);

    /// <summary>Stops a job's schedule from firing until it is resumed; applying the job again keeps it paused.</summary>
    [Post("/api/v1/namespaces/{ns}/jobs/{job}/schedule/pause")]
    Task<ScheduleResource> PauseAsync(string ns, string job, CancellationToken cancellationToken = default);

    [Post("/api/v1/namespaces/{ns}/jobs/{job}/schedule/resume")]
    Task<ScheduleResource> ResumeAsync(string ns, string job, CancellationToken cancellationToken = default);
}
