using Genie.Client;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Cli.Tests.Infrastructure;

/// <summary>A real Genie process on a database of its own, shared by the tests of one class.</summary>
public sealed class CliServer : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _dataDir = TestPostgres.NewScratchDir();
    private TestDatabase? _database;
    private ServerProcess? _server;

    public Uri BaseAddress => _server!.BaseAddress;

    public GenieClient Client => _server!.CreateClient();

    /// <summary>The CLI pointed at this server with the admin key, through the environment as a CI job would.</summary>
    public GenieCli Cli() => new GenieCli()
        .WithEnvironment("GENIE_SERVER", BaseAddress.ToString())
        .WithEnvironment("GENIE_KEY", TestCredentials.AdminKey);

    /// <summary>Applies a spec file or directory through the CLI (with more <paramref name="options"/>), which must succeed.</summary>
    public async Task ApplyAsync(string path, params string[] options)
    {
        var result = await Cli().RunAsync(["apply", "-f", path, .. options]);
        result.ExitCode.ShouldBe(0, result.ToString());
    }

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync(nameof(CliServer));
        _server = await ServerProcess.StartAsync(_dataDir, Patience, new Dictionary<string, string>
        {
            ["Genie:Database:ConnectionString"] = _database.ConnectionString,
        });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await TestPostgres.DeleteScratchDirAsync(_dataDir);
    }
}
