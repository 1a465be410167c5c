using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace Genie.Server.Housekeeping;

/// <summary>
/// Registers each housekeeping task as a Hangfire recurring job (`housekeeping run-retention` on the dashboard)
/// firing at its interval; a changed interval updates it, and a task this server no longer has (Airflow turned
/// off) loses its job.
/// </summary>
public sealed class HousekeepingSchedule(
    HousekeepingRunner runner,
    IRecurringJobManagerV2 recurringJobs,
    JobStorage storage,
    IOptions<HousekeepingOptions> options)
{
    public const string Prefix = "housekeeping ";

    public static string IdOf(string task) => Prefix + task;

    /// <summary>The interval a task is configured with, and the cron Hangfire fires it by.</summary>
    public (TimeSpan Interval, string Cron, TimeSpan Period) ScheduleOf(IHousekeepingTask task)
    {
        var interval = task.Interval ?? options.Value.Interval;
        var (cron, period) = IntervalCron.For(interval);
        return (interval, cron, period);
    }

    public void Register()
    {
        foreach (var task in runner.Tasks)
        {
            // After an outage a pass runs once, not once per missed interval.
            recurringJobs.AddOrUpdate(IdOf(task.Name),
                Job.FromExpression<HousekeepingJob>(job => job.RunAsync(task.Name, CancellationToken.None)),
                ScheduleOf(task).Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });
        }

        var wanted = runner.Tasks.Select(t => IdOf(t.Name)).ToHashSet();
        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Select(r => r.Id).Where(id => id.StartsWith(Prefix, StringComparison.Ordinal) && !wanted.Contains(id)))
        {
            recurringJobs.RemoveIfExists(stale);
        }
    }

    /// <summary>When each task's recurring job fires next, by task name.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset?> NextRuns()
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs(runner.Tasks.Select(t => IdOf(t.Name)))
            .Where(r => !r.Removed)
            .ToDictionary(
                r => r.Id[Prefix.Length..],
                r => r.NextExecution is { } next ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) : (DateTimeOffset?)null);
    }
}
