using Bunit;
using Genie.Client;
using Genie.Portal.Runs;

namespace Genie.Portal.Tests.Components;

/// <summary>
/// The run page follows its run from the event feed: it reads the run again when the run's events arrive (once for a
/// burst of them) and stops reading the stream when it leaves the page.
/// </summary>
public sealed class RunPageLiveTests
{
    private readonly FakeGenieServer _server = new();
    private readonly FakeEventSource _events = new();

    [Fact]
    public async Task The_runs_events_bring_its_new_state_without_a_reload()
    {
        await using var context = await PortalTestContext.SignedInAsync(_server, _events);
        var page = RenderRunPage(context);

        (await _events.NextOpeningAsync()).Filter.ShouldBe(new EventStreamFilter(Run: _server.Run.Id));
        // The first read, then the one after the stream opened (what committed before it is not streamed).
        page.WaitForAssertion(() => _server.RunReads.ShouldBe(2));
        State(page).ShouldBe("queued");

        _server.Run = FakeGenieServer.RunIn("running");
        _events.Publish(FakeEventSource.RunMoved(7, _server.Run.Id));

        page.WaitForAssertion(() => State(page).ShouldBe("running"));
    }

    [Fact]
    public async Task A_burst_of_events_is_one_read()
    {
        await using var context = await PortalTestContext.SignedInAsync(_server, _events);
        var page = RenderRunPage(context);
        await _events.NextOpeningAsync();
        page.WaitForAssertion(() => _server.RunReads.ShouldBe(2));

        for (var id = 1; id <= 20; id++)
        {
            _events.Publish(FakeEventSource.RunMoved(id, _server.Run.Id));
        }

        page.WaitForAssertion(() => _server.RunReads.ShouldBe(3));
        await Task.Delay(new PortalOptions().EventBurstWindow * 4);
        _server.RunReads.ShouldBe(3);
    }

    [Fact]
    public async Task The_log_moves_to_a_tasks_new_attempt_unless_an_earlier_one_was_picked()
    {
        _server.Run = FakeGenieServer.RunIn("running", FakeGenieServer.TaskWith("load", "failed"));
        await using var context = await PortalTestContext.SignedInAsync(_server, _events);
        var page = RenderRunPage(context);
        await _events.NextOpeningAsync();
        page.WaitForAssertion(() => LogTitle(page).ShouldContain("attempt 1"));
        page.WaitForAssertion(() => page.Find("[data-testid=task-log]").TextContent.ShouldContain(FakeGenieServer.LogText.Trim()));

        _server.Run = FakeGenieServer.RunIn("running", FakeGenieServer.TaskWith("load", "failed", "running"));
        _events.Publish(FakeEventSource.RunMoved(1, _server.Run.Id));
        page.WaitForAssertion(() => LogTitle(page).ShouldContain("attempt 2"));

        await page.Find("[data-testid=log-load-1]").ClickAsync(new());
        _server.Run = FakeGenieServer.RunIn("running", FakeGenieServer.TaskWith("load", "failed", "failed", "running"));
        var reads = _server.RunReads;
        _events.Publish(FakeEventSource.RunMoved(2, _server.Run.Id));
        page.WaitForAssertion(() => _server.RunReads.ShouldBeGreaterThan(reads));
        page.WaitForAssertion(() => page.Find("[data-testid=log-load-3]"));
        LogTitle(page).ShouldContain("attempt 1");
    }

    [Fact]
    public async Task Leaving_the_page_closes_its_stream()
    {
        await using var context = await PortalTestContext.SignedInAsync(_server, _events);
        RenderRunPage(context);
        await _events.NextOpeningAsync();
        _events.OpenStreams.ShouldBe(1);

        await context.DisposeComponentsAsync();

        _events.OpenStreams.ShouldBe(0);
    }

    private IRenderedComponent<RunPage> RenderRunPage(BunitContext context) =>
        context.Render<RunPage>(p => p.Add(r => r.Ns, _server.Run.Namespace).Add(r => r.Id, _server.Run.Id));

    private static string LogTitle(IRenderedComponent<RunPage> page) => page.FindComponent<TaskLog>().Find(".mud-typography-subtitle2").TextContent;

    private static string State(IRenderedComponent<RunPage> page) => page.Find("[data-testid=run-state]").TextContent.Trim();
}
