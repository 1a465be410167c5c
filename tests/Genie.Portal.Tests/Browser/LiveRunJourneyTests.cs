using Genie.Portal.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Genie.Portal.Tests.Browser;

/// <summary>
/// The portal follows the event stream in Chromium against a real server: a run triggered elsewhere appears in the
/// runs list, and its page goes from running to succeeded while its log grows line by line, all in one page load
/// (the portal polls nothing, so only the event stream and the followed log can bring these changes).
/// </summary>
[Trait("Category", "Browser")]
[Collection(PortalStackCollection.Name)]
public sealed class LiveRunJourneyTests(PortalStack stack)
{
    private static readonly LocatorAssertionsToHaveTextOptions RunPatience = new() { Timeout = 60_000 };

    [Fact]
    public async Task A_run_shows_up_and_moves_to_succeeded_with_its_log_following_without_a_reload()
    {
        var genie = stack.Genie;
        await genie.ApplyJobAsync("default", "ticker", JourneySpecs.Ticker);
        var page = await stack.SignedInPageAsync();
        await stack.OpenAsync(page, "runs");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Runs");
        // A reload would start a fresh page without this mark.
        await page.EvaluateAsync("() => { window.genieSamePage = true; }");

        var run = await genie.TriggerRunAsync("default", "ticker");
        var link = page.GetByTestId("runs-table").GetByRole(AriaRole.Link, new() { Name = run.Id });
        await link.ClickAsync();
        await page.WaitForURLAsync($"**/runs/default/{run.Id}");

        await Expect(page.GetByTestId("run-state")).ToHaveTextAsync("running", RunPatience);
        await Expect(page.GetByTestId("task-log")).ToContainTextAsync("tick 2");
        await Expect(page.GetByTestId("log-streaming")).ToBeVisibleAsync();
        (await page.GetByTestId("run-state").InnerTextAsync()).Trim().ShouldBe("running", "the log grew while the run still ran");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalStack.ScreenshotDir, "journey-run-live.png"), FullPage = true });

        await Expect(page.GetByTestId("run-state")).ToHaveTextAsync("succeeded", RunPatience);
        await Expect(page.GetByTestId("task-log")).ToContainTextAsync("detail 10.4");
        // Follow (on by default) kept the newest line in view as the log outgrew its box.
        (await page.GetByTestId("task-log").EvaluateAsync<bool>("log => log.scrollHeight > log.clientHeight && log.scrollTop + log.clientHeight >= log.scrollHeight - 2"))
            .ShouldBeTrue("the followed log is scrolled to its end");
        await Expect(page.GetByTestId("log-streaming")).ToHaveCountAsync(0);
        (await page.EvaluateAsync<bool>("() => window.genieSamePage === true")).ShouldBeTrue("the page was never reloaded");
    }
}
