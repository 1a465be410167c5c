using Genie.Client;
using Genie.Client.Contracts;
using Genie.Client.Resources;

namespace Genie.Portal.Dashboard;

/// <summary>Everything the dashboard shows, read together so one refresh shows one moment.</summary>
public sealed record DashboardFigures(
    RunStatsResource Runs,
    StatsList<FailedRunResource> Failures,
    StatsList<JobDurationResource> Durations,
    StatsList<ScheduleDelayResource> Delays,
    StatsList<TaskFailureResource> Hotspots,
    ExecutorSlotsResource Slots)
{
    /// <summary>Reads every figure for <paramref name="query"/> at once (six small requests, in parallel).</summary>
    public static async Task<DashboardFigures> LoadAsync(IStatsApi stats, StatsQuery query, CancellationToken cancellationToken)
    {
        var runs = stats.GetRunsAsync(query, cancellationToken);
        var failures = stats.GetFailuresAsync(query, cancellationToken);
        var durations = stats.GetDurationsAsync(query, cancellationToken);
        var delays = stats.GetScheduleDelayAsync(query, cancellationToken);
        var hotspots = stats.GetTaskFailuresAsync(query, cancellationToken);
        var slots = stats.GetExecutorSlotsAsync(cancellationToken);
        await Task.WhenAll(runs, failures, durations, delays, hotspots, slots);
        return new DashboardFigures(await runs, await failures, await durations, await delays, await hotspots, await slots);
    }

    /// <summary>Whether the figures came from the Flink-fed tables (all of those that can), for the note under the title.</summary>
    public bool FromFlink => Runs.Source == StatsSource.Flink;
}
