using Genie.Client;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Genie.Portal.Tests.Infrastructure;

/// <summary>
/// A real Genie server (on its own database of the test PostgreSQL), the portal process in front of it, and
/// Chromium: what the browser journeys share within one test class. A subclass adds settings of both processes.
/// </summary>
public class PortalStack : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly string _dataDir = TestPostgres.NewScratchDir();
    private TestDatabase? _database;
    private IPlaywright? _playwright;

    public ServerProcess Server { get; private set; } = null!;
    public PortalProcess Portal { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: the test output folder, for people to look at after a run.</summary>
    public static string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public GenieClient Genie => Server.CreateClient();

    public virtual async Task InitializeAsync()
    {
        (_playwright, Browser) = await Chromium.LaunchAsync();
        _database = await TestPostgres.CreateDatabaseAsync(GetType().Name);
        var serverSettings = new Dictionary<string, string>(ServerSettings())
        {
            ["Genie:Database:ConnectionString"] = _database.ConnectionString,
        };
        Server = await ServerProcess.StartAsync(_dataDir, Patience, serverSettings);
        Portal = await PortalProcess.StartAsync(Server.BaseAddress, Patience, PortalSettings());
        Directory.CreateDirectory(ScreenshotDir);
    }

    /// <summary>More settings of the server process.</summary>
    protected virtual IReadOnlyDictionary<string, string> ServerSettings() => new Dictionary<string, string>();

    /// <summary>More `--Key=value` arguments of the portal process.</summary>
    protected virtual IEnumerable<string> PortalSettings() => [];

    /// <summary>A fresh browser tab at <paramref name="width"/>×<paramref name="height"/>, signed in with the admin key.</summary>
    public async Task<IPage> SignedInPageAsync(int width = 1366, int height = 768)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        page.SetDefaultTimeout(30_000);
        await OpenAsync(page, "jobs");
        return page;
    }

    /// <summary>
    /// Opens a portal address in <paramref name="page"/>. A full load starts a new circuit, which knows no key yet:
    /// the portal sends it to sign-in, and signing in returns to the address.
    /// </summary>
    public async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(new Uri(Portal.BaseAddress, path).ToString());
        var key = FormField.Of(page, "api-key");
        await key.WaitForAsync();
        await key.FillAsync(TestCredentials.AdminKey);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.TrimStart('/') == path.Split('?')[0]);
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.StopAsync(Patience);
            await Server.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await TestPostgres.DeleteScratchDirAsync(_dataDir);
    }
}
