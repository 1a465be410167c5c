using Microsoft.Playwright;

namespace Genie.Portal.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright. Its absence fails the test that needs it (make deps installs it).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"{ExecutablePath} is missing: `make deps` installs Debian's chromium, which the portal's browser tests drive.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        return (playwright, browser);
    }
}
