using Genie.Core.Scheduling;
using Quartz;

namespace Genie.Server.Scheduling;

/// <summary>
/// When a schedule fires, computed by Quartz's own <see cref="CronExpression"/> in the schedule's zone, so
/// what the API shows and what the tests pin down is exactly what the trigger does.
/// </summary>
public static class CronFireTimes
{
    /// <summary>The zone of a schedule; IANA ids resolve from the system's tz database.</summary>
    public static TimeZoneInfo Zone(string timezone) => TimeZoneInfo.FindSystemTimeZoneById(timezone);

    public static CronExpression Expression(CronSchedule cron, string timezone) => new(cron.ToQuartz(), Zone(timezone));

    /// <summary>The next <paramref name="count"/> fire times strictly after <paramref name="after"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Next(CronSchedule cron, string timezone, DateTimeOffset after, int count) =>
        Next(Expression(cron, timezone), after, count);

    public static IReadOnlyList<DateTimeOffset> Next(CronExpression expression, DateTimeOffset after, int count)
    {
        var times = new List<DateTimeOffset>(count);
        var cursor = after;
        while (times.Count < count && expression.GetNextValidTimeAfter(cursor) is { } next)
        {
            times.Add(next);
            cursor = next;
        }

        return times;
    }
}
