using Bunit;
using Genie.Client.Contracts;
using Genie.Portal.Runs;
using Genie.Portal.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Portal.Tests.Components;

/// <summary>The Gantt chart: a bar per attempt on one axis, the waits between them, the now-line, and clicks on bars.</summary>
public sealed class RunTimelineTests
{
    private static readonly DateTimeOffset T0 = SampleRuns.CreatedAt;

    private static readonly RunResource Running = SampleRuns.Run("local", "running",
        new TaskRunResource("announce", 0, "running", null, 0, null, "child-run-7", null, T0.AddSeconds(20), null, []),
        new TaskRunResource("extract", 0, "succeeded", null, 1, 0, null, null, T0.AddSeconds(2), T0.AddSeconds(10),
            [new TaskAttemptResource(1, "succeeded", 0, null, T0.AddSeconds(2), T0.AddSeconds(10), "")]),
        new TaskRunResource("load", 0, "running", null, 2, null, null, null, T0.AddSeconds(10), null,
        [
            new TaskAttemptResource(1, "failed", 3, "exit code 3", T0.AddSeconds(10), T0.AddSeconds(20), ""),
            new TaskAttemptResource(2, "running", null, null, T0.AddSeconds(50), null, ""),
        ]),
        new TaskRunResource("report", 0, "pending", null, 0, null, null, null, null, null, [])) with { StartedAt = T0.AddSeconds(2) };

    private static IRenderedComponent<RunTimeline> Render(BunitContext context, RunResource run, Action<(string, int, int)>? onSelect = null)
    {
        context.Services.AddSingleton<TimeProvider>(new FixedTime(T0.AddSeconds(60)));
        return context.Render<RunTimeline>(p => p
            .Add(t => t.Run, run)
            .Add(t => t.OnSelect, onSelect ?? (_ => { })));
    }

    [Fact]
    public async Task Every_attempt_is_a_bar_with_its_state_exit_code_and_reason_and_the_waits_show_between()
    {
        await using var context = PortalTestContext.Create();

        var timeline = Render(context, Running);

        // In the order they started, whatever order the server lists them in; the unstarted last.
        timeline.FindAll("[data-row]").Select(r => r.GetAttribute("data-row")).ShouldBe(["run", "extract", "load", "announce", "report"]);
        timeline.Find("[data-row=announce] rect title").TextContent.ShouldBe("announce: running, 40.0 s, child run child-run-7");
        var load = timeline.Find("[data-row=load]");
        load.QuerySelectorAll("rect").Select(r => r.GetAttribute("data-state")).ShouldBe(["failed", "running"]);
        load.QuerySelectorAll("rect title")[0].TextContent.ShouldBe("load #1: failed, 10.0 s from 06:00:10, exit code 3");
        load.QuerySelectorAll("line title").Select(t => t.TextContent).ShouldBe(["waiting 8.0 s", "backoff before attempt #2 30.0 s"]);
        timeline.Find("[data-row=report] line title").TextContent.ShouldBe("pending: not started yet");
        timeline.Find("[data-row=run] rect").GetAttribute("data-state").ShouldBe("queued");
        timeline.FindAll("[data-testid=timeline-now]").Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_running_attempt_reaches_to_now_and_a_finished_run_has_no_now_line()
    {
        await using var context = PortalTestContext.Create();

        var timeline = Render(context, Running with { State = "succeeded", FinishedAt = T0.AddSeconds(55) });

        timeline.FindAll("[data-testid=timeline-now]").ShouldBeEmpty();
        timeline.FindAll("text").Select(t => t.TextContent).ShouldContain("50s");
    }

    [Fact]
    public async Task Clicking_a_bar_or_pressing_enter_on_it_picks_that_attempt()
    {
        await using var context = PortalTestContext.Create();
        var picked = new List<(string, int, int)>();

        var timeline = Render(context, Running, picked.Add);
        timeline.Find("[data-row=load] rect[data-state=failed]").Click();
        timeline.Find("[data-row=load] rect[data-state=running]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        picked.ShouldBe([("load", 0, 1), ("load", 0, 2)]);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
