using Genie.Portal.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Genie.Portal.Tests.Browser;

/// <summary>
/// Signing in through the identity provider in Chromium: the portal runs the code flow against the in-test provider,
/// presents its access token to the server as a bearer JWT, and the jobs list shows the granted namespace only.
/// </summary>
[Trait("Category", "Browser")]
[Collection(PortalStackCollection.Name)]
public sealed class OidcSignInTests(OidcPortalStack stack) : IClassFixture<OidcPortalStack>
{
    [Fact]
    public async Task Sign_in_through_the_provider_and_see_only_the_granted_namespace()
    {
        await stack.Genie.ApplyJobAsync(OidcPortalStack.GrantedNamespace, "visible-job", JourneySpecs.Echo("visible-job", "nightly"));
        await stack.Genie.ApplyJobAsync("team-b", "hidden-job", JourneySpecs.Echo("hidden-job", "nightly"));
        var page = await stack.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        page.SetDefaultTimeout(30_000);
        var visited = new List<string>();
        page.Request += (_, request) => visited.Add(request.Url);

        await page.GotoAsync(new Uri(stack.Portal.BaseAddress, "jobs").ToString());
        await Expect(page.GetByTestId("sign-in-oidc")).ToHaveTextAsync("Sign in with Test IdP");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalStack.ScreenshotDir, "signin-oidc-desktop.png"), Animations = ScreenshotAnimations.Disabled });
        await page.GetByTestId("sign-in-oidc").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/jobs");

        await Expect(page.GetByTestId("actor")).ToHaveTextAsync($"jwt:{OidcPortalStack.Subject}");
        var jobs = page.GetByTestId("jobs-table");
        await Expect(jobs).ToContainTextAsync("visible-job");
        await Expect(jobs).Not.ToContainTextAsync("hidden-job");
        await Expect(page.GetByTestId("hangfire-link")).ToHaveCountAsync(0);
        stack.Provider.TokensIssued.ShouldBe(1);
        // The browser went to the provider and back, and no token ever appeared in an address it asked for.
        visited.ShouldContain(url => url.StartsWith(stack.Provider.Issuer + "/authorize", StringComparison.Ordinal));
        visited.ShouldAllBe(url => !url.Contains("eyJ", StringComparison.Ordinal));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalStack.ScreenshotDir, "oidc-jobs-desktop.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }

    [Fact]
    public async Task A_used_or_made_up_handoff_code_signs_no_one_in()
    {
        var page = await stack.Browser.NewPageAsync();
        page.SetDefaultTimeout(30_000);

        await page.GotoAsync(new Uri(stack.Portal.BaseAddress, "signin?handoff=made-up").ToString());

        // The page's default patience (a busy machine starts a circuit slowly), then the assertions.
        await page.GetByTestId("error-list").WaitForAsync();
        await Expect(page.GetByTestId("error-list")).ToContainTextAsync("expired or was used already");
        await Expect(page.GetByTestId("sign-out")).ToHaveCountAsync(0);
    }
}
