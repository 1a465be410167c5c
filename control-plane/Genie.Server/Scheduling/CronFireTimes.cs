using Cronos;
using Genie.Core.Scheduling;

namespace Genie.Server.Scheduling;

/// <summary>
/// When a schedule fires, computed by Cronos, the cron library Hangfire fires recurring jobs with, called as
/// Hangfire calls it (UTC instants in the schedule's zone, 5-field format, macros included), so what the API
/// shows and what the tests pin down is what Hangfire does; `CronFireTimesTests` checks the two agree.
/// </summary>
public static class CronFireTimes
{
    // How far back the latest tick before an instant is looked for: widening windows, so a minutely schedule
    // looks at an hour and only a Feb-29 schedule needs the years.
    private static readonly TimeSpan[] LookBack =
        [TimeSpan.FromHours(1), TimeSpan.FromDays(2), TimeSpan.FromDays(32), TimeSpan.FromDays(367), TimeSpan.FromDays(8 * 366 + 1)];

    /// <summary>The zone of a schedule; IANA ids resolve from the system's tz database.</summary>
    public static TimeZoneInfo Zone(string timezone) => TimeZoneInfo.FindSystemTimeZoneById(timezone);

    public static CronExpression Expression(CronSchedule cron) => CronExpression.Parse(cron.Expression, CronFormat.Standard);

    /// <summary>The next <paramref name="count"/> fire times strictly after <paramref name="after"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Next(CronSchedule cron, string timezone, DateTimeOffset after, int count)
    {
        var expression = Expression(cron);
        var zone = Zone(timezone);
        var times = new List<DateTimeOffset>(count);
        var cursor = after.UtcDateTime;
        while (times.Count < count && expression.GetNextOccurrence(cursor, zone, inclusive: false) is { } next)
        {
            times.Add(new DateTimeOffset(next, TimeSpan.Zero));
            cursor = next;
        }

        return times;
    }

    /// <summary>
    /// The latest fire time at or before <paramref name="at"/>: the tick an instant stands for. Null when the
    /// schedule never fired in the eight years before it (it cannot: every valid expression fires in that span).
    /// </summary>
    public static DateTimeOffset? LatestAtOrBefore(CronSchedule cron, string timezone, DateTimeOffset at)
    {
        var expression = Expression(cron);
        var zone = Zone(timezone);
        var to = at.UtcDateTime;
        foreach (var span in LookBack)
        {
            DateTime? latest = null;
            foreach (var occurrence in expression.GetOccurrences(to - span, to, zone, fromInclusive: true, toInclusive: true))
            {
                latest = occurrence;
            }

            if (latest is { } found)
            {
                return new DateTimeOffset(found, TimeSpan.Zero);
            }
        }

        return null;
    }
}
