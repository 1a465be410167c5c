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
                 })
        {
            await stack.OpenAsync(page, path);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await Expect(page.Locator(".mud-table, [data-testid=spec-editor], [data-testid=trigger], [data-testid=runs-chart]").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("load-error")).ToHaveCountAsync(0);
            await Shoot(page, viewport, name);
        }

        await stack.OpenAsync(page, "jobs/default/greet");
        foreach (var (tab, shows) in new[] { ("Spec", "spec-editor"), ("Versions", "versions-table"), ("Airflow DAG", "dag-source") })
        {
            await page.Locator(".mud-tab", new() { HasText = tab }).ClickAsync();
            await Expect(page.GetByTestId(shows)).ToBeVisibleAsync();
            await Shoot(page, viewport, "job-" + tab.ToLowerInvariant().Replace(' ', '-'));
        }

        await Expect(page.GetByTestId("dag-source")).ToContainTextAsync("KubernetesPodOperator");

        await page.GetByTestId("dark-mode").ClickAsync();
        await Expect(page.Locator(".mud-theme-dark, body")).Not.ToHaveCountAsync(0);
        await Shoot(page, viewport, "audit-dark");
    }

    // Idempotent, so both viewports (and either order) see the same data.
    private async Task<Genie.Client.Contracts.RunResource> SeedAsync()
    {
        var genie = stack.Genie;
        await genie.ApplyJobAsync("default", "greet", JourneySpecs.Greet);
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

    private static Task Shoot(IPage page, string viewport, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalStack.ScreenshotDir, $"{name}-{viewport}.png"), FullPage = true });
}
