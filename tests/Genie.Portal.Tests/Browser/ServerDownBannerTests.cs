using Genie.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Genie.Portal.Tests.Browser;

/// <summary>
/// A server that does not answer raises a banner, and the banner clears by itself once it answers again. The
/// "server" here is a stand-in that answers only `/healthz`, started on the port the portal was pointed at.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ServerDownBannerTests : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private PortalProcess? _portal;
    private WebApplication? _server;
    // Nothing listens there now; the stand-in server takes it later.
    private readonly int _port = FreePort.Take();

    [Fact]
    public async Task The_banner_shows_while_the_server_is_down_and_clears_when_it_answers()
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        await page.GotoAsync(new Uri(_portal!.BaseAddress, "signin").ToString());

        await Expect(page.GetByTestId("server-down")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalStack.ScreenshotDir, "server-down-desktop.png") });

        _server = WebApplication.CreateBuilder().Build();
        _server.Urls.Add($"http://127.0.0.1:{_port}");
        _server.MapGet("/healthz", () => Results.Json(new { status = "healthy" }));
        await _server.StartAsync();

        await Expect(page.GetByTestId("server-down")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(PortalStack.ScreenshotDir);
        (_playwright, _browser) = await Chromium.LaunchAsync();
        _portal = await PortalProcess.StartAsync(new Uri($"http://127.0.0.1:{_port}/"), PortalStack.Patience);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
