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
    // A fixed address, so a server started again is where the portal already looks.
    private readonly int _serverPort = FreePort.Take();
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
        await StartServerAsync();
        Portal = await PortalProcess.StartAsync(Server.BaseAddress, Patience, PortalSettings());
        Directory.CreateDirectory(ScreenshotDir);
    }

    /// <summary>More settings of the server process.</summary>
    protected virtual IReadOnlyDictionary<string, string> ServerSettings() => new Dictionary<string, string>();

    /// <summary>More `--Key=value` arguments of the portal process.</summary>
    protected virtual IEnumerable<string> PortalSettings() => [];

    /// <summary>Stops the server (SIGTERM), as an outage would; <see cref="StartServerAsync"/> brings it back.</summary>
    public Task StopServerAsync() => Server.StopAsync(Patience);

    /// <summary>Starts the server on its address and database, replacing one that stopped.</summary>
    public async Task StartServerAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        Server = await ServerProcess.StartAsync(_dataDir, Patience, new Dictionary<string, string>(ServerSettings())
        {
            ["Genie:Database:ConnectionString"] = _database!.ConnectionString,
            ["urls"] = $"http://127.0.0.1:{_serverPort}",
            // A stop that waited for the portal's open streams would outlast the patience of StopServerAsync.
            ["shutdownTimeoutSeconds"] = "600",
        });
    }

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
            if (Server.IsRunning)
            {
                await Server.StopAsync(Patience);
            }

            await Server.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await TestPostgres.DeleteScratchDirAsync(_dataDir);
    }
}
