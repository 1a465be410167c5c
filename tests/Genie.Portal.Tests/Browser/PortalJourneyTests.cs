using Genie.Client.Contracts;
using Genie.Portal.Tests.Infrastructure;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Genie.Portal.Tests.Browser;

/// <summary>
/// The journeys of issue 15 in Debian's Chromium against a real Genie server: sign in, apply a job in the editor
/// (an error first), trigger it with params and see it succeed with its logs, watch a run move and its log grow live,
/// cancel a long run, retry a failed one, and find all of it in the audit log.
/// </summary>
[Trait("Category", "Browser")]
[Collection(PortalStackCollection.Name)]
public sealed class PortalJourneyTests(PortalStack stack)
{
    private static readonly LocatorAssertionsToHaveTextOptions RunPatience = new() { Timeout = 60_000 };

    // A reload would start a fresh page without this mark.
    private const string MarkThePage = "() => { window.genieSamePage = true; }";
    private const string SameMarkedPage = "() => window.genieSamePage === true";

    [Fact]
    public async Task Apply_in_the_editor_trigger_with_params_and_see_it_succeed_with_its_logs()
    {
        var page = await stack.SignedInPageAsync();
        await page.GetByTestId("new-job").ClickAsync();
        var editor = FormField.Of(page, "spec-editor");

        await editor.FillAsync(JourneySpecs.GreetWithTypo);
        await Expect(page.GetByTestId("error-list")).ToContainTextAsync("spec.tasks[1].dependsOn[0]");
        await Screenshot(page, "editor-error");

        await editor.FillAsync(JourneySpecs.Greet);
        await Expect(page.GetByTestId("spec-valid")).ToContainTextAsync("default/greet");
        await page.GetByTestId("apply").ClickAsync();
        await page.WaitForURLAsync("**/jobs/default/greet");

        await FormField.Of(page, "param-who").FillAsync("portal");
        await page.GetByTestId("trigger").ClickAsync();
        await page.WaitForURLAsync("**/runs/default/**");
        await Expect(page.GetByTestId("run-state")).ToHaveTextAsync("succeeded", RunPatience);
        await page.GetByTestId("log-say-1").ClickAsync();
        await Expect(page.GetByTestId("task-log")).ToContainTextAsync("hello portal calm");
        await Expect(page.GetByTestId("run-actor")).ToContainTextAsync("key:");
        await Screenshot(page, "run-succeeded");
    }

    // The portal polls nothing: only the event stream and the followed log can bring these changes to the one page load.
    [Fact]
    public async Task A_run_shows_up_and_moves_to_succeeded_with_its_log_following_without_a_reload()
    {
        var genie = stack.Genie;
        await genie.ApplyJobAsync("default", "ticker", JourneySpecs.Ticker);
        var page = await stack.SignedInPageAsync();
        await stack.OpenAsync(page, "runs");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Runs");
        await page.EvaluateAsync(MarkThePage);

        var run = await genie.TriggerRunAsync("default", "ticker");
        var link = page.GetByTestId("runs-table").GetByRole(AriaRole.Link, new() { Name = run.Id });
        await link.ClickAsync();
        await page.WaitForURLAsync($"**/runs/default/{run.Id}");

        await Expect(page.GetByTestId("run-state")).ToHaveTextAsync("running", RunPatience);
        await Expect(page.GetByTestId("task-log")).ToContainTextAsync("tick 2");
        await Expect(page.GetByTestId("log-streaming")).ToBeVisibleAsync();
        (await page.GetByTestId("run-state").InnerTextAsync()).Trim().ShouldBe("running", "the log grew while the run still ran");
        await Screenshot(page, "run-live");

        await Expect(page.GetByTestId("run-state")).ToHaveTextAsync("succeeded", RunPatience);
        await Expect(page.GetByTestId("task-log")).ToContainTextAsync("detail 10.4");
        // Follow (on by default) kept the newest line in view as the log outgrew its box.
        (await page.GetByTestId("task-log").EvaluateAsync<bool>("log => log.scrollHeight > log.clientHeight && log.scrollTop + log.clientHeight >= log.scrollHeight - 2"))
            .ShouldBeTrue("the followed log is scrolled to its end");
        await Expect(page.GetByTestId("log-streaming")).ToHaveCountAsync(0);
        (await page.EvaluateAsync<bool>(SameMarkedPage)).ShouldBeTrue("the page was never reloaded");
    }

    [Fact]
    public async Task A_run_page_catches_up_once_the_server_that_went_away_is_back()
    {
        await stack.Genie.ApplyJobAsync("default", "sleeper", JourneySpecs.Sleeper);
        var run = await stack.Genie.TriggerRunAsync("default", "sleeper", new TriggerRunRequest(Delay: "1h"));
        var page = await stack.SignedInPageAsync();
        await stack.OpenAsync(page, $"runs/default/{run.Id}");
        await Expect(page.GetByTestId("run-state")).ToHaveTextAsync("queued");
        await page.EvaluateAsync(MarkThePage);

        await stack.StopServerAsync();
        await Expect(page.GetByTestId("server-down")).ToBeVisibleAsync();
        await stack.StartServerAsync();
        // At once: the portal's stream is likely not back yet, and what commits before it is must still reach the page.
        await stack.Genie.CancelRunAsync("default", run.Id);

        await Expect(page.GetByTestId("server-down")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("run-state")).ToHaveTextAsync("cancelled", RunPatience);
        (await page.EvaluateAsync<bool>(SameMarkedPage)).ShouldBeTrue("the page was never reloaded");
    }

    [Fact]
    public async Task Cancel_a_long_run_and_retry_a_failed_one_then_find_both_in_the_audit_log()
    {
        var genie = stack.Genie;
        var marker = Path.Combine(Path.GetTempPath(), "genie-portal-" + Guid.NewGuid().ToString("n"));
        await genie.ApplyJobAsync("default", "sleeper", JourneySpecs.Sleeper);
        await genie.ApplyJobAsync("default", "fails-once", JourneySpecs.FailsOnce(marker));
        var sleeping = await genie.TriggerRunAsync("default", "sleeper");
        var failing = await genie.TriggerRunAsync("default", "fails-once");
        var page = await stack.SignedInPageAsync();

        await stack.OpenAsync(page, $"runs/default/{sleeping.Id}");
        await Expect(page.GetByTestId("run-state")).ToHaveTextAsync("running", RunPatience);
        await page.GetByTestId("run-cancel").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("run-state")).ToHaveTextAsync("cancelled", RunPatience);
        // The history names who made each change, the signed-in key among them.
        var history = page.GetByTestId("run-history");
        await history.GetByText("History").ClickAsync();
        await Expect(history).ToContainTextAsync("→ cancelled");
        await Expect(history).ToContainTextAsync(TestCredentials.AdminActor);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalStack.ScreenshotDir, "journey-run-history.png"), FullPage = true });

        await stack.OpenAsync(page, $"runs/default/{failing.Id}");
        await Expect(page.GetByTestId("run-state")).ToHaveTextAsync("failed", RunPatience);
        await Expect(page.GetByTestId("task-log")).ToContainTextAsync("first try fails");
        await page.GetByTestId("run-retry-failed").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Retry failed", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("run-state")).ToHaveTextAsync("succeeded", RunPatience);
        await page.GetByTestId("log-flaky-2").ClickAsync();
        await Expect(page.GetByTestId("task-log")).ToContainTextAsync("recovered");

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        var audit = page.GetByTestId("audit-table");
        await Expect(audit).ToContainTextAsync("runs.cancel");
        await Expect(audit).ToContainTextAsync("runs.retry");
        await Expect(audit).ToContainTextAsync($"runs/{sleeping.Id}");
        File.Delete(marker);
    }

    [Fact]
    public async Task Create_a_key_that_is_shown_once_then_revoke_it()
    {
        var page = await stack.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await FormField.Of(page, "key-name").FillAsync("ci for default");
        await FormField.Of(page, "key-grants").FillAsync("viewer:default");
        await page.GetByTestId("create-key").ClickAsync();

        var key = await page.GetByTestId("created-key").Locator("code").InnerTextAsync();
        var prefix = key.Split('_')[1];
        (await Genie.Client.GenieClient.Connect(stack.Server.BaseAddress, key).ListAllJobsAsync()).ShouldNotBeNull();
        await Expect(page.GetByTestId("keys-table")).ToContainTextAsync(prefix);
        await Expect(page.GetByTestId("own-key")).ToHaveCountAsync(1);

        await page.GetByTestId($"revoke-{prefix}").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId($"revoke-{prefix}")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("created-key")).ToHaveCountAsync(0);
        var refused = await Should.ThrowAsync<Genie.Client.GenieApiException>(
            () => Genie.Client.GenieClient.Connect(stack.Server.BaseAddress, key).ListAllJobsAsync());
        refused.StatusCode.ShouldBe(401);
    }

    [Fact]
    public async Task Trigger_a_whole_group_after_confirming_and_see_which_jobs_could_not_run()
    {
        await stack.Genie.ApplyJobAsync("default", "greet", JourneySpecs.Greet);
        await stack.Genie.ApplyJobAsync("default", "echo", JourneySpecs.Echo("echo", "examples"));
        var page = await stack.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Groups" }).ClickAsync();
        await page.GetByTestId("groups-table").GetByRole(AriaRole.Link, new() { Name = "examples" }).ClickAsync();
        await Expect(page.GetByTestId("group-jobs")).ToContainTextAsync("echo");

        await page.GetByTestId("trigger-group").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Trigger group", Exact = true }).ClickAsync();

        var triggered = page.GetByTestId("group-triggered");
        await Expect(triggered).ToContainTextAsync("echo");
        // greet declares a required param without a default, so the group cannot start it; the others still run.
        await Expect(triggered).ToContainTextAsync("body.params.who");
        await Expect(page.GetByTestId("group-health")).ToContainTextAsync("jobs");
        await Screenshot(page, "group-triggered");
    }

    [Fact]
    public async Task The_keyboard_reaches_the_navigation_and_a_pages_main_action_with_a_visible_focus()
    {
        await stack.Genie.ApplyJobAsync("default", "echo", JourneySpecs.Echo("echo", "examples"));
        var page = await stack.SignedInPageAsync();

        // The page puts focus on its heading once rendered (for screen readers); a key pressed before that is overtaken.
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        await TabToAsync(page, "Groups");
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle")).ShouldNotBe("none");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/groups");
        await page.GetByTestId("groups-table").GetByRole(AriaRole.Link, new() { Name = "examples" }).ClickAsync();
        await TabToAsync(page, "Trigger group");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await TabToAsync(page, "Keep as is");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("group-triggered")).ToHaveCountAsync(0);
    }

    // Presses Tab until the focused element reads `text`, failing after as many presses as a page has stops.
    private static async Task TabToAsync(IPage page, string text)
    {
        for (var presses = 0; presses < 40; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if ((await page.EvaluateAsync<string>("() => document.activeElement?.textContent ?? ''")).Trim() == text)
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached `{text}`.");
    }

    private static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalStack.ScreenshotDir, $"journey-{name}.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
}
