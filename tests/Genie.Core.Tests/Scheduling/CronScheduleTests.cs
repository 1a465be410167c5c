using Genie.Core.Scheduling;

namespace Genie.Core.Tests.Scheduling;

public class CronScheduleTests
{
    /// <summary>The normalised expression is what Hangfire (Cronos) is given: names upper-cased, macros lower-cased, fields single-spaced.</summary>
    [Theory]
    [InlineData("0 2 * * *", "0 2 * * *")]
    [InlineData("*/15  *\t* * *", "*/15 * * * *")]
    [InlineData("0 9-17 * * mon-fri", "0 9-17 * * MON-FRI")]
    [InlineData("30 6 * * 7", "30 6 * * 7")]
    [InlineData("30 6 * * sun,sat", "30 6 * * SUN,SAT")]
    [InlineData("0 0 1 jan,jul *", "0 0 1 JAN,JUL *")]
    [InlineData("5,10-20/5 0-23/6 */2 */3 *", "5,10-20/5 0-23/6 */2 */3 *")]
    [InlineData("@yearly", "@yearly")]
    [InlineData("@HOURLY", "@hourly")]
    [InlineData(" @Daily ", "@daily")]
    public void Expressions_are_normalised(string cron, string expression) =>
        CronSchedule.Parse(cron).Expression.ShouldBe(expression);

    [Fact]
    public void Equal_schedules_written_differently_are_equal() =>
        CronSchedule.Parse("0 9 * * mon-fri").ShouldBe(CronSchedule.Parse("0  9 * * MON-FRI"));

    [Fact]
    public void Fields_keep_their_values()
    {
        var schedule = CronSchedule.Parse("*/20 9-11 1,15 jan-mar *");
        var weekly = CronSchedule.Parse("0 0 * * 7");

        schedule.Minute.Values.ShouldBe([0, 20, 40]);
        schedule.Hour.Values.ShouldBe([9, 10, 11]);
        schedule.DayOfMonth.Values.ShouldBe([1, 15]);
        schedule.Month.Values.ShouldBe([1, 2, 3]);
        schedule.Month.Text.ShouldBe("JAN-MAR");
        schedule.DayOfWeek.IsAll.ShouldBeTrue();
        schedule.Minute.IsAll.ShouldBeFalse();
        schedule.Expression.ShouldBe("*/20 9-11 1,15 JAN-MAR *");
        weekly.DayOfWeek.Values.ShouldBe([0]);
        weekly.DayOfWeek.Contains(0).ShouldBeTrue();
        weekly.DayOfWeek.Contains(7).ShouldBeFalse();
    }

    [Fact]
    public void Star_and_full_ranges_select_everything()
    {
        var schedule = CronSchedule.Parse("* 0-23 * 1-12 0-7");

        schedule.Minute.IsAll.ShouldBeTrue();
        schedule.Hour.IsAll.ShouldBeTrue();
        schedule.Month.IsAll.ShouldBeTrue();
        schedule.DayOfWeek.IsAll.ShouldBeTrue();
        schedule.DayOfWeek.Values.ShouldBe([0, 1, 2, 3, 4, 5, 6]);
    }

    [Theory]
    [InlineData("0 2 * * *", "0  2 * *  *")]
    [InlineData("0 2 * * MON", "0 2 * * mon")]
    [InlineData("@daily", "@Daily")]
    public void Spelling_differences_normalise_to_one_expression(string left, string right) =>
        CronSchedule.Parse(left).ShouldBe(CronSchedule.Parse(right));

    [Theory]
    [InlineData("60 * * * *", "minute field `60`: `60` is out of range 0-59")]
    [InlineData("* 24 * * *", "hour field `24`: `24` is out of range 0-23")]
    [InlineData("* * 0 * *", "day-of-month field `0`: `0` is out of range 1-31")]
    [InlineData("* * 32 * *", "day-of-month field `32`: `32` is out of range 1-31")]
    [InlineData("* * * 13 *", "month field `13`: `13` is out of range 1-12 or JAN-DEC")]
    [InlineData("* * * * 8", "day-of-week field `8`: `8` is out of range 0-7 or SUN-SAT")]
    [InlineData("* * * foo *", "month field `foo`: `foo` is not a number or a name JAN-DEC")]
    [InlineData("* * * * MONDAY", "day-of-week field `MONDAY`: `MONDAY` is not a number or a name SUN-SAT")]
    [InlineData("x * * * *", "minute field `x`: `x` is not a number")]
    [InlineData("*/0 * * * *", "minute field `*/0`: step `0` must be a number from 1 to 59")]
    [InlineData("*/60 * * * *", "step `60` must be a number from 1 to 59")]
    [InlineData("5/15 * * * *", "minute field `5/15`: a step needs `*` or a range before it")]
    [InlineData("30-10 * * * *", "minute field `30-10`: range `30-10` runs backwards")]
    [InlineData("* * * * FRI-MON", "day-of-week field `FRI-MON`: range `FRI-MON` runs backwards")]
    [InlineData("1,,2 * * * *", "minute field `1,,2`: empty list item")]
    [InlineData("0 2 * *", "`0 2 * *` has 4 fields; cron needs 5: minute hour day-of-month month day-of-week")]
    [InlineData("0 0 2 * * ?", "has 6 fields; cron needs 5: minute hour day-of-month month day-of-week; seconds and years are not supported")]
    [InlineData("", "has 0 fields")]
    [InlineData("@reboot", "`@reboot` is not a supported macro")]
    [InlineData("0 0 1 * MON", "day-of-month `1` and day-of-week `MON` are both restricted")]
    [InlineData("0 0 30 2 *", "day-of-month `30` never occurs in month `2`")]
    [InlineData("0 0 31 APR,JUN *", "day-of-month `31` never occurs in month `APR,JUN`")]
    [InlineData("0 0 L * *", "day-of-month field `L`: `L` is not a number")]
    [InlineData("0 0 ? * *", "day-of-month field `?`: `?` is not a number")]
    [InlineData("0 0 * * MON#1", "`MON#1` is not a number")]
    [InlineData("-1 * * * *", "`` is not a number")]
    public void Invalid_expressions_name_the_field(string cron, string fragment)
    {
        CronSchedule.TryParse(cron, out var schedule, out var error).ShouldBeFalse();

        schedule.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(fragment);
    }

    [Fact]
    public void Leap_day_is_allowed_in_february() =>
        CronSchedule.Parse("0 0 29 2 *").DayOfMonth.Values.ShouldBe([29]);

    [Fact]
    public void Parse_throws_format_exception_with_the_reason() =>
        Should.Throw<FormatException>(() => CronSchedule.Parse("61 * * * *")).Message.ShouldContain("out of range 0-59");
}
