using Genie.Core.Specs;

namespace Genie.Core.Tests.Specs;

public class DurationTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("10m", 600_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s500ms", 90_500)]
    [InlineData(".5s", 500)]
    [InlineData("2.s", 2_000)]
    [InlineData("30s1h", 3_630_000)]
    [InlineData("0h1s", 1_000)]
    [InlineData("720h", 2_592_000_000)]
    public void Go_style_durations_parse(string text, long milliseconds)
    {
        SpecDuration.TryParse(text, out var duration, out var error).ShouldBeTrue(error);

        duration.ShouldBe(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Theory]
    [InlineData("10x", "`10x` is not a duration: use Go style like 90s, 10m, 2h or 1h30m")]
    [InlineData("10", "`10` is not a duration")]
    [InlineData("h", "`h` is not a duration")]
    [InlineData("1d", "`1d` is not a duration")]
    [InlineData("1 h", "`1 h` is not a duration")]
    [InlineData("1H", "`1H` is not a duration")]
    [InlineData("1us", "`1us` is not a duration")]
    [InlineData("1..5s", "`1..5s` is not a duration")]
    [InlineData("-5s", "`-5s` must not be negative")]
    [InlineData("+5s", "`+5s` is not a duration")]
    [InlineData("0s", "`0s` must be greater than zero")]
    [InlineData("0.0001s", "`0.0001s` is finer than a millisecond")]
    [InlineData("1.5ms", "`1.5ms` is finer than a millisecond")]
    [InlineData("721h", "`721h` is too long: at most 720h0m0s (30 days)")]
    [InlineData("99999999999999999999h", "is not a duration")]
    [InlineData("", "an empty string is not a duration")]
    public void Malformed_durations_say_why(string text, string fragment)
    {
        SpecDuration.TryParse(text, out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull().ShouldContain(fragment);
    }

    [Theory]
    [InlineData(500, "500ms")]
    [InlineData(1_000, "1s")]
    [InlineData(1_500, "1.5s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(90_250, "1m30.25s")]
    [InlineData(3_600_000, "1h0m0s")]
    [InlineData(5_400_000, "1h30m0s")]
    [InlineData(7_201_000, "2h0m1s")]
    [InlineData(2_592_000_000, "720h0m0s")]
    public void Durations_format_like_go(long milliseconds, string text) =>
        SpecDuration.Format(TimeSpan.FromMilliseconds(milliseconds)).ShouldBe(text);

    [Theory]
    [InlineData("1.5h")]
    [InlineData("1ms")]
    [InlineData("59m59.999s")]
    [InlineData("100h")]
    public void Formatted_durations_parse_back_to_the_same_value(string text)
    {
        SpecDuration.TryParse(text, out var duration, out _).ShouldBeTrue();

        SpecDuration.TryParse(SpecDuration.Format(duration), out var again, out _).ShouldBeTrue();
        again.ShouldBe(duration);
    }
}
