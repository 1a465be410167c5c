using Genie.Server.Housekeeping;

namespace Genie.Server.Tests.Scheduling;

/// <summary>Housekeeping intervals become the cron Hangfire fires them by: the shortest even period at least as long.</summary>
public sealed class IntervalCronTests
{
    [Theory]
    [InlineData("00:00:00.100", "*/1 * * * * *", "00:00:01")]
    [InlineData("00:00:02", "*/2 * * * * *", "00:00:02")]
    [InlineData("00:00:05", "*/5 * * * * *", "00:00:05")]
    [InlineData("00:00:07", "*/10 * * * * *", "00:00:10")]
    [InlineData("00:00:45", "0 * * * * *", "00:01:00")]
    [InlineData("00:01:00", "0 */1 * * * *", "00:01:00")]
    [InlineData("00:10:00", "0 */10 * * * *", "00:10:00")]
    [InlineData("00:25:00", "0 */30 * * * *", "00:30:00")]
    [InlineData("00:50:00", "0 0 * * * *", "01:00:00")]
    [InlineData("02:00:00", "0 0 */2 * * *", "02:00:00")]
    [InlineData("05:00:00", "0 0 */6 * * *", "06:00:00")]
    [InlineData("13:00:00", "0 0 0 * * *", "1.00:00:00")]
    [InlineData("3.00:00:00", "0 0 0 * * *", "1.00:00:00")]
    public void An_interval_becomes_the_shortest_even_period_at_least_as_long(string interval, string cron, string period)
    {
        var (actualCron, actualPeriod) = IntervalCron.For(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture));

        actualCron.ShouldBe(cron);
        actualPeriod.ShouldBe(TimeSpan.Parse(period, System.Globalization.CultureInfo.InvariantCulture));
    }
}
