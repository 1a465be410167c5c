using Genie.Portal.Runs;

namespace Genie.Portal.Tests.Runs;

/// <summary>The timeline's axis: instants map linearly onto it, and tick steps are round for any span.</summary>
public sealed class TimelineScaleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Instants_map_linearly_onto_the_axis_and_outside_ones_stay_at_its_ends()
    {
        var scale = TimelineScale.Of(Start, Start.AddSeconds(100), 100, 600);

        scale.X(Start).ShouldBe(100);
        scale.X(Start.AddSeconds(50)).ShouldBe(350);
        scale.X(Start.AddSeconds(100)).ShouldBe(600);
        scale.X(Start.AddSeconds(-5)).ShouldBe(100);
        scale.X(Start.AddMinutes(5)).ShouldBe(600);
    }

    [Fact]
    public void A_minute_and_a_half_is_ticked_every_fifteen_seconds()
    {
        var ticks = TimelineScale.Of(Start, Start.AddSeconds(90), 0, 900).Ticks();

        ticks.Select(t => t.Label).ShouldBe(["0", "15s", "30s", "45s", "1m", "1m15s", "1m30s"]);
        ticks[^1].X.ShouldBe(900);
    }

    [Theory]
    [InlineData(300, 50, "50ms")]
    [InlineData(7_200_000, 900_000, "15m")]
    [InlineData(86_400_000, 10_800_000, "3h")]
    public void Short_and_long_runs_get_round_steps(int spanMs, int stepMs, string firstLabel)
    {
        var scale = TimelineScale.Of(Start, Start.AddMilliseconds(spanMs), 0, 1000);

        scale.Step.ShouldBe(TimeSpan.FromMilliseconds(stepMs));
        scale.Ticks()[1].Label.ShouldBe(firstLabel);
        scale.Ticks().Count.ShouldBeLessThanOrEqualTo(9);
    }

    [Fact]
    public void A_run_that_has_not_moved_yet_still_has_an_axis()
    {
        var scale = TimelineScale.Of(Start, Start, 0, 100);

        scale.End.ShouldBe(Start.AddMilliseconds(100));
        scale.X(Start).ShouldBe(0);
    }
}
