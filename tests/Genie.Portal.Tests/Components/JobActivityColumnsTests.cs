using System.Text.Json;
using Bunit;
using Genie.Client.Contracts;
using Genie.Portal.Jobs;

namespace Genie.Portal.Tests.Components;

/// <summary>A job's activity cells: latest run linked to it, recent success as a percentage, schedule with its next fire or paused.</summary>
public sealed class JobActivityColumnsTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_job_that_ran_shows_its_latest_run_success_and_next_fire_time()
    {
        await using var context = PortalTestContext.Create();
        var next = new DateTimeOffset(2026, 12, 1, 6, 30, 0, TimeSpan.Zero);
        var job = Job(new JobActivity(new JobLastRun("8d1f", "failed", Created, Created.AddMinutes(1)), 4, 3,
            new JobScheduleSummary("30 6 * * *", "UTC", false, next)));

        var cells = context.Render<JobActivityColumns>(p => p.Add(c => c.Job, job));

        cells.Find("a").GetAttribute("href").ShouldBe("runs/team/8d1f");
        cells.Find("[data-state]").TextContent.ShouldBe("failed");
        cells.Find("[data-testid=success-rate]").TextContent.ShouldBe("75%");
        cells.Markup.ShouldContain("next 2026-12-01 06:30:00Z");
    }

    [Fact]
    public async Task A_job_that_never_ran_says_so_and_a_paused_schedule_shows_no_next_time()
    {
        await using var context = PortalTestContext.Create();
        var job = Job(new JobActivity(null, 0, 0, new JobScheduleSummary("0 * * * *", "UTC", true, null)));

        var cells = context.Render<JobActivityColumns>(p => p.Add(c => c.Job, job));

        cells.Markup.ShouldContain("never ran");
        cells.FindAll("[data-testid=success-rate]").ShouldBeEmpty();
        cells.Markup.ShouldContain("paused");
        cells.Markup.ShouldNotContain("next ");
    }

    [Theory]
    [InlineData(0, 0, "—")]
    [InlineData(1, 3, "33%")]
    [InlineData(20, 20, "100%")]
    public void Success_rates_read_as_whole_percentages(int succeeded, int finished, string expected) =>
        SuccessRate.Percent(succeeded, finished).ShouldBe(expected);

    private static JobResource Job(JobActivity activity) => new(
        "team", "nightly", null, new Dictionary<string, string>(), 1, "hash", Created, Created,
        JsonSerializer.SerializeToElement(new { }), Activity: activity);
}
