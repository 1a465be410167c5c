using Genie.Portal.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Genie.Portal.Tests.Browser;

/// <summary>
/// Every page at 1366×768 and at a phone's width, with data behind it: each must show its heading and no load
/// error, and its screenshot lands in the test output's `screenshots/` for people to look at.
/// </summary>
[Trait("Category", "Browser")]
[Collection(PortalStackCollection.Name)]
public sealed class PageScreenshotTests(PortalStack stack)
{
    public static TheoryData<string, int, int> Viewports => new()
    {
        { "desktop", 1366, 768 },
        { "phone", 390, 844 },
    };

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task Every_page_renders_its_content(string viewport, int width, int height)
    {
        var run = await SeedAsync();
        var page = await stack.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(new Uri(stack.Portal.BaseAddress, "signin").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in to Genie");
        await Shoot(page, viewport, "signin");

        foreach (var (name, path) in new[]
                 {
                     ("dashboard", ""),
                     ("jobs", "jobs"),
                     ("job", "jobs/default/greet"),
                     ("job-new", "jobs/new"),
                     ("runs", "runs"),
                     ("run", $"runs/default/{run.Id}"),
                     ("secrets", "secrets"),
                     ("keys", "keys"),
                     ("audit", "audit"),
                     ("groups", "groups"),
                     ("group", "groups/default/examples"),
                 })
        {
            await stack.OpenAsync(page, path);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await Expect(page.Locator(".mud-table, [data-testid=spec-editor], [data-testid=trigger], [data-testid=runs-chart]").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("load-error")).ToHaveCountAsync(0);
            await Shoot(page, viewport, name);
            if (name == "dashboard")
            {
                // The dashboard's cards fit the screen: none of their tables scrolls sideways (on a phone, long job
                // names wrap instead).
                await Expect(page.GetByTestId("slowest-jobs").Locator("tbody tr")).Not.ToHaveCountAsync(0);
                var overflowing = await page.EvaluateAsync<string[]>(
                    "() => [...document.querySelectorAll('.mud-paper .mud-table-container, .mud-paper .mud-simple-table > div')]" +
                    ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.closest('[data-testid]')?.dataset.testid ?? e.className)");
                overflowing.ShouldBeEmpty();
            }
        }

        await stack.OpenAsync(page, "jobs/default/greet");
        foreach (var (tab, shows) in new[] { ("Spec", "spec-editor"), ("Versions", "versions-table"), ("Airflow DAG", "dag-source") })
        {
            await page.Locator(".mud-tab", new() { HasText = tab }).ClickAsync();
            await Expect(page.GetByTestId(shows)).ToBeVisibleAsync();
            await Shoot(page, viewport, "job-" + tab.ToLowerInvariant().Replace(' ', '-'));
        }

        await Expect(page.GetByTestId("dag-source")).ToContainTextAsync("KubernetesPodOperator");

        // The admin key is a cluster admin's, so the navigation offers the scheduler dashboard.
        await Expect(page.GetByTestId("hangfire-link")).ToHaveCountAsync(1);

        await page.GetByTestId("dark-mode").ClickAsync();
        await Expect(page.Locator(".mud-theme-dark, body")).Not.ToHaveCountAsync(0);
        await Shoot(page, viewport, "audit-dark");
        // The choice outlives the tab's circuit: a reload (a new circuit, signed in again) is still dark.
        var dark = await BackgroundAsync(page);
        await stack.OpenAsync(page, "groups");
        (await BackgroundAsync(page)).ShouldBe(dark);
        await page.GetByTestId("dark-mode").ClickAsync();
        await Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", dark);

        await ShootPipelineAsync(page, viewport);
    }

    // The drawings: the job's DAG and version diff, the run's graph and timeline, in light and dark mode.
    private async Task ShootPipelineAsync(IPage page, string viewport)
    {
        var run = await SeedPipelineAsync();
        await stack.OpenAsync(page, "jobs/default/pipeline");
        // Left to right: on a phone the tab bar scrolls, and its scroll-back button covers a tab to the left.
        foreach (var (tab, shows) in new[] { ("Versions", "version-diff"), ("Graph", "dag-graph") })
        {
            await page.Locator(".mud-tab", new() { HasText = tab }).ClickAsync();
            await Expect(page.GetByTestId(shows)).ToBeVisibleAsync();
            await Shoot(page, viewport, "job-pipeline-" + tab.ToLowerInvariant());
            if (tab == "Versions")
            {
                await Expect(page.Locator("[data-testid=version-diff] [data-change=modified]")).Not.ToHaveCountAsync(0);
            }
        }

        await Expect(page.Locator("[data-testid=dag-graph] [data-kind=job]")).ToHaveAttributeAsync("data-task", "announce");

        await stack.OpenAsync(page, $"runs/default/{run.Id}");
        await Expect(page.GetByTestId("failed-tasks")).ToContainTextAsync("exit code 1");
        await Expect(page.Locator("[data-testid=dag-graph] [data-task=load]")).ToHaveAttributeAsync("data-state", "succeeded");
        await page.Locator("[data-testid=dag-graph] [data-task=audit]").ClickAsync();
        await Expect(page.GetByTestId("task-log")).ToContainTextAsync("audit found 2 problems");
        await Shoot(page, viewport, "run-pipeline-graph");
        await page.Locator(".mud-tab", new() { HasText = "Timeline" }).ClickAsync();
        await Expect(page.Locator("[data-testid=run-timeline] [data-row=load] rect")).ToHaveCountAsync(2);
        await Shoot(page, viewport, "run-pipeline-timeline");
        await page.GetByTestId("dark-mode").ClickAsync();
        await Shoot(page, viewport, "run-pipeline-timeline-dark");
        await page.Locator(".mud-tab", new() { HasText = "Graph" }).ClickAsync();
        await Expect(page.GetByTestId("dag-graph")).ToBeVisibleAsync();
        await Shoot(page, viewport, "run-pipeline-graph-dark");
    }

    private static Task<string> BackgroundAsync(IPage page) =>
        page.Locator("body").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    // Idempotent, so both viewports (and either order) see the same data.
    private async Task<Genie.Client.Contracts.RunResource> SeedAsync()
    {
        var genie = stack.Genie;
        await genie.ApplyJobAsync("default", "greet", JourneySpecs.Greet);
        await genie.ApplyJobAsync("default", "echo", JourneySpecs.Echo("echo", "examples"));
        var run = await genie.TriggerRunAsync("default", "greet",
            new Genie.Client.Contracts.TriggerRunRequest(new Dictionary<string, System.Text.Json.JsonElement>
            {
                ["who"] = System.Text.Json.JsonSerializer.SerializeToElement("screenshots"),
            }),
            idempotencyKey: "screenshots");
        // A failed run, so the dashboard shows a failure, its task as a hotspot and a success rate below 100%.
        await genie.ApplyJobAsync("default", "broken", JourneySpecs.Broken);
        await genie.TriggerRunAsync("default", "broken", idempotencyKey: "screenshots");
        try
        {
            await genie.CreateSecretAsync("default", "warehouse", new Dictionary<string, string> { ["password"] = "s3cret" });
        }
        catch (Genie.Client.GenieApiException e) when (e.StatusCode == 409)
        {
            // The other viewport made it already.
        }

        return run;
    }

    // Two versions and one finished run, made once for both viewports; the run's `load` fails once, then succeeds on its retry.
    private async Task<Genie.Client.Contracts.RunResource> SeedPipelineAsync()
    {
        var genie = stack.Genie;
        var marker = Path.Combine(PortalStack.ScreenshotDir, "pipeline-load-marker");
        try
        {
            await genie.GetJobAsync("default", "pipeline");
        }
        catch (Genie.Client.GenieApiException e) when (e.StatusCode == 404)
        {
            File.Delete(marker);
            await genie.ApplyJobAsync("default", "pipeline", JourneySpecs.Pipeline(marker, 1));
            await genie.ApplyJobAsync("default", "pipeline", JourneySpecs.Pipeline(marker, 2));
        }

        var run = await genie.TriggerRunAsync("default", "pipeline",
            new Genie.Client.Contracts.TriggerRunRequest(new Dictionary<string, System.Text.Json.JsonElement>()), idempotencyKey: "screenshots-pipeline");
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (run.State is "queued" or "running" && waiting.Elapsed < PortalStack.Patience)
        {
            await Task.Delay(250);
            run = await genie.GetRunAsync("default", run.Id);
        }

        run.State.ShouldBe("succeeded");
        return run;
    }

    // Transitions finish first, so a tab's underline is under the tab just clicked rather than on its way there.
    private static async Task Shoot(IPage page, string viewport, string name)
    {
        // A full-page shot of a scrolled page draws the fixed app bar where the scroll left it, across the content.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(PortalStack.ScreenshotDir, $"{name}-{viewport}.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled,
        });
    }
}
