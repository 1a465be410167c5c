using Genie.Core.Scheduling;
using Genie.Server.Scheduling;

namespace Genie.Server.Tests.Scheduling;

/// <summary>
/// Next fire times as Cronos (the cron library Hangfire fires with) computes them, against known tables: DST in Europe/Berlin
/// (2025: clocks go 02:00→03:00 on 30 March and 03:00→02:00 on 26 October), day-of-month and
/// day-of-week rules, and the macros. Times in the tables are UTC.
/// </summary>
public sealed class CronFireTimesTests
{
    private static string[] Fire(string cron, string zone, string afterUtc, int count) =>
        CronFireTimes.Next(CronSchedule.Parse(cron), zone, DateTimeOffset.Parse(afterUtc + "Z", System.Globalization.CultureInfo.InvariantCulture), count)
            .Select(t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();

    // Every shape of expression Genie's validator accepts (names, lists, ranges, steps, 7 for Sunday, macros) must be
    // one Cronos parses and fires: an accepted spec whose schedule Hangfire could not register would fail at apply.
    [Theory]
    [InlineData("*/15  *\t* * *")]
    [InlineData("0 9-17 * * mon-fri")]
    [InlineData("30 6 * * 7")]
    [InlineData("30 6 * * sun,sat")]
    [InlineData("0 0 1 jan,jul *")]
    [InlineData("5,10-20/5 0-23/6 */2 */3 *")]
    [InlineData("0 0 29 2 *")]
    [InlineData("59 23 31 DEC *")]
    [InlineData("@yearly")]
    [InlineData("@annually")]
    [InlineData("@monthly")]
    [InlineData("@weekly")]
    [InlineData("@midnight")]
    [InlineData(" @HOURLY ")]
    public void Every_expression_Genie_accepts_parses_and_fires_in_Cronos(string cron)
    {
        var next = CronFireTimes.Next(CronSchedule.Parse(cron), "Europe/Berlin", DateTimeOffset.UnixEpoch.AddYears(55), 2);

        next.Count.ShouldBe(2, $"`{cron}` accepted by Genie must fire in Cronos");
    }

    [Fact]
    public void Daily_at_0230_Berlin_across_spring_forward_fires_when_the_clocks_jump_on_the_missing_day()
    {
        Fire("30 2 * * *", "Europe/Berlin", "2025-03-28T12:00:00", 4).ShouldBe([
            "2025-03-29 01:30", // 02:30 CET
            "2025-03-30 01:00", // 02:30 does not exist: fires at 03:00 CEST, the first instant after the gap
            "2025-03-31 00:30", // 02:30 CEST
            "2025-04-01 00:30",
        ]);
    }

    [Fact]
    public void Daily_at_0230_Berlin_across_fall_back_fires_once_on_the_repeated_hour()
    {
        Fire("30 2 * * *", "Europe/Berlin", "2025-10-24T12:00:00", 4).ShouldBe([
            "2025-10-25 00:30", // 02:30 CEST
            "2025-10-26 00:30", // the first 02:30 (CEST) only
            "2025-10-27 01:30", // 02:30 CET
            "2025-10-28 01:30",
        ]);
    }

    [Fact]
    public void Hourly_in_Berlin_across_spring_forward_has_one_hour_fewer()
    {
        Fire("0 * * * *", "Europe/Berlin", "2025-03-29T23:30:00", 4).ShouldBe([
            "2025-03-30 00:00", // 01:00 CET
            "2025-03-30 01:00", // 03:00 CEST: 02:00 never happens
            "2025-03-30 02:00",
            "2025-03-30 03:00",
        ]);
    }

    [Fact]
    public void Hourly_in_Berlin_across_fall_back_keeps_firing_every_real_hour()
    {
        Fire("0 * * * *", "Europe/Berlin", "2025-10-25T23:30:00", 4).ShouldBe([
            "2025-10-26 00:00", // 02:00 CEST
            "2025-10-26 01:00", // 02:00 CET, the repeated hour
            "2025-10-26 02:00", // 03:00 CET
            "2025-10-26 03:00",
        ]);
    }

    [Fact]
    public void Day_of_month_31_skips_the_months_without_it()
    {
        Fire("0 12 31 * *", "UTC", "2025-01-01T00:00:00", 4).ShouldBe([
            "2025-01-31 12:00", "2025-03-31 12:00", "2025-05-31 12:00", "2025-07-31 12:00",
        ]);
    }

    [Fact]
    public void February_29_fires_in_leap_years_only()
    {
        Fire("0 0 29 2 *", "UTC", "2025-01-01T00:00:00", 2).ShouldBe(["2028-02-29 00:00", "2032-02-29 00:00"]);
    }

    [Fact]
    public void Weekdays_range_and_day_list()
    {
        // 2025-06-06 is a Friday.
        Fire("15 9 * * 1-5", "UTC", "2025-06-06T10:00:00", 3).ShouldBe(["2025-06-09 09:15", "2025-06-10 09:15", "2025-06-11 09:15"]);
        Fire("0 18 * * 0,6", "UTC", "2025-06-06T10:00:00", 3).ShouldBe(["2025-06-07 18:00", "2025-06-08 18:00", "2025-06-14 18:00"]);
        Fire("0 8 * * 7", "UTC", "2025-06-06T10:00:00", 1).ShouldBe(["2025-06-08 08:00"]); // 7 is Sunday too
    }

    [Fact]
    public void Steps_ranges_and_month_names()
    {
        Fire("*/20 * * * *", "UTC", "2025-06-06T10:05:00", 4).ShouldBe(["2025-06-06 10:20", "2025-06-06 10:40", "2025-06-06 11:00", "2025-06-06 11:20"]);
        Fire("0 9-17/4 * JAN,JUL *", "UTC", "2025-06-06T00:00:00", 4).ShouldBe(["2025-07-01 09:00", "2025-07-01 13:00", "2025-07-01 17:00", "2025-07-02 09:00"]);
    }

    [Theory]
    [InlineData("@hourly", "2025-06-06 11:00")]
    [InlineData("@daily", "2025-06-07 00:00")]
    [InlineData("@midnight", "2025-06-07 00:00")]
    [InlineData("@weekly", "2025-06-08 00:00")]
    [InlineData("@monthly", "2025-07-01 00:00")]
    [InlineData("@yearly", "2026-01-01 00:00")]
    public void Macros(string macro, string next)
    {
        Fire(macro, "UTC", "2025-06-06T10:05:00", 1).ShouldBe([next]);
    }

    [Fact]
    public void A_zone_with_a_half_hour_offset_is_honoured()
    {
        // India is UTC+05:30 all year.
        Fire("0 9 * * *", "Asia/Kolkata", "2025-06-06T00:00:00", 2).ShouldBe(["2025-06-06 03:30", "2025-06-07 03:30"]);
    }
}
