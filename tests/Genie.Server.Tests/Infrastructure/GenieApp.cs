using Genie.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Genie.Server.Tests.Infrastructure;

/// <summary>The real server in-process (WebApplicationFactory) on its own database of the test cluster.</summary>
public sealed class GenieApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;
    private readonly Dictionary<string, string?> _settings = new();
    private TimeProvider? _clock;
    private readonly List<Action<IServiceCollection>> _services = [];

    public string ConnectionString => _database!.ConnectionString;

    /// <summary>This app's data dir (run working dirs, task logs), deleted with the app.</summary>
    public string DataDir { get; } = TestPostgres.NewScratchDir();

    /// <summary>Adds a setting before the server starts (e.g. a lower spec limit).</summary>
    public GenieApp With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// Replaces the server's clock before it starts, so what depends on "now" (a schedule's first fire time, row
    /// timestamps) can be pinned to a chosen date instead of the day the tests happen to run.
    /// </summary>
    public GenieApp WithClock(TimeProvider clock)
    {
        _clock = clock;
        return this;
    }

    /// <summary>Changes the server's services before it starts, e.g. to put a counting seam around one of them.</summary>
    public GenieApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public GenieClient CreateGenieClient() => new(CreateClient());

    /// <summary>A client that sends no credentials.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = null;
        return http;
    }

    /// <summary>Every client of the app presents the admin key unless a test takes it away or sets another.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        TestCredentials.Authorize(client);
    }

    /// <summary>A connection to the server's database, to look at rows the API does not show (events).</summary>
    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync(GetType().Name + Guid.NewGuid().ToString("N")[..6]);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Genie:Database:ConnectionString", _database!.ConnectionString);
        builder.UseSetting("Genie:DataDir", DataDir);
        builder.UseSetting(TestCredentials.BootstrapKeySetting, TestCredentials.AdminKey);

        // Short waits keep executor tests quick; the semantics do not depend on them.
        builder.UseSetting("Genie:Local:KillGrace", "00:00:01");
        builder.UseSetting("Genie:Local:PollInterval", "00:00:00.500");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(clock)));
        }

        foreach (var configure in _services)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    /// <summary>An app that is ready to use, for tests that need more than the class fixture.</summary>
    public static async Task<GenieApp> StartAsync(params (string Key, string Value)[] settings)
    {
        var app = new GenieApp();
        foreach (var (key, value) in settings)
        {
            app.With(key, value);
        }

        await app.InitializeAsync();
        return app;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }

        if (Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
