using Genie.Client.Contracts;
using Genie.Core.Scheduling;
using Genie.Server.Jobs;
using Genie.Server.Scheduling;

namespace Genie.Server.Api;

/// <summary>Turns the activity a listing read beside a job into the API's <see cref="JobActivity"/>.</summary>
public static class JobActivityMapping
{
    /// <summary>The activity as of <paramref name="now"/>, which the next fire time counts from.</summary>
    public static JobActivity ToResource(this StoredJobActivity activity, DateTimeOffset now) => new(
        activity is { LastRunId: { } id, LastRunState: { } state, LastRunCreatedAt: { } created }
            ? new JobLastRun(id.ToString(), state, created, activity.LastRunFinishedAt)
            : null,
        activity.RecentFinished,
        activity.RecentSucceeded,
        activity is { Cron: { } cron, Timezone: { } zone } ? Schedule(cron, zone, activity.Paused, now) : null);

    // Cron sets no fire time in SQL: Cronos computes it, as for the schedule resource and as Hangfire fires it.
    private static JobScheduleSummary Schedule(string cron, string timezone, bool paused, DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        if (!paused && CronSchedule.TryParse(cron, out var schedule, out _))
        {
            try
            {
                next = CronFireTimes.Next(schedule!, timezone, now, 1) is [var first] ? first : null;
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // A zone this server's tz database lacks: the schedule resource says so; a list just shows no time.
            }
        }

        return new JobScheduleSummary(cron, timezone, paused, next);
    }
}
