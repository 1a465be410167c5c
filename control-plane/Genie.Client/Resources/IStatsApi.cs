using Genie.Client.Contracts;
using Refit;

namespace Genie.Client.Resources;

/// <summary>The dashboard's figures under `/api/v1/stats`, limited to the namespaces the caller may see.</summary>
public interface IStatsApi
{
    /// <summary>Runs started, succeeded and failed per bucket, their totals and the success rate.</summary>
    [Get("/api/v1/stats/runs")]
    Task<RunStatsResource> GetRunsAsync([Query] StatsQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>The latest failed runs, newest first.</summary>
    [Get("/api/v1/stats/failures")]
    Task<StatsList<FailedRunResource>> GetFailuresAsync([Query] StatsQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Jobs by their p95 run duration, slowest first.</summary>
    [Get("/api/v1/stats/durations")]
    Task<StatsList<JobDurationResource>> GetDurationsAsync([Query] StatsQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Cron tick lag per job, largest first.</summary>
    [Get("/api/v1/stats/schedule-delay")]
    Task<StatsList<ScheduleDelayResource>> GetScheduleDelayAsync([Query] StatsQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Tasks whose instances failed most, most first.</summary>
    [Get("/api/v1/stats/task-failures")]
    Task<StatsList<TaskFailureResource>> GetTaskFailuresAsync([Query] StatsQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>The local executor's slots and those in use, per live replica and in total.</summary>
    [Get("/api/v1/stats/executor-slots")]
    Task<ExecutorSlotsResource> GetExecutorSlotsAsync(CancellationToken cancellationToken = default);
}
