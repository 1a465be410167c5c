namespace Genie.Server.Housekeeping;

/// <summary>
/// A housekeeping interval as the cron expression Hangfire fires it by. Hangfire has recurring jobs by cron only,
/// so an interval becomes the shortest cron period at least that long that divides the minute, the hour or the
/// day evenly: 1-60 s (to 1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30 s, or a minute), minutes to a divisor of 60, hours
/// to a divisor of 24, and a day at most.
/// </summary>
public static class IntervalCron
{
    private static readonly int[] OfSixty = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];
    private static readonly int[] OfTwentyFour = [1, 2, 3, 4, 6, 8, 12, 24];

    /// <summary>The cron expression (six fields, seconds first, where seconds matter) and the period it really fires at.</summary>
    public static (string Cron, TimeSpan Period) For(TimeSpan interval)
    {
        var seconds = (int)Math.Ceiling(Math.Max(interval.TotalSeconds, 1));
        if (seconds < 60)
        {
            var every = OfSixty.First(d => d >= seconds);
            return every == 60 ? ("0 * * * * *", TimeSpan.FromMinutes(1)) : ($"*/{every} * * * * *", TimeSpan.FromSeconds(every));
        }

        var minutes = (int)Math.Ceiling(seconds / 60.0);
        if (minutes < 60)
        {
            var every = OfSixty.First(d => d >= minutes);
            return every == 60 ? ("0 0 * * * *", TimeSpan.FromHours(1)) : ($"0 */{every} * * * *", TimeSpan.FromMinutes(every));
        }

        var hours = Math.Min((int)Math.Ceiling(minutes / 60.0), 24);
        var everyHours = OfTwentyFour.First(d => d >= hours);
        return everyHours == 24 ? ("0 0 0 * * *", TimeSpan.FromDays(1)) : ($"0 0 */{everyHours} * * *", TimeSpan.FromHours(everyHours));
    }
}
