using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;

namespace Genie.Server.Tests.Telemetry;

/// <summary>
/// A real Genie process scraped every second by a real Prometheus, after it ran a two-task job a few times and a
/// minutely cron job fired at least once (waiting for the next minute, as a user would). The scheduled job is paused
/// before the runs are counted, so the count stays what Prometheus should agree with.
/// </summary>
public sealed class ScrapedGenie : IAsyncLifetime
{
    public const string Ns = "metrics";
    public const string Chain = "chain";
    public const string Ticking = "ticking";
    public const int ChainRuns = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly string _dataDir = TestPostgres.NewScratchDir();
    private ServerProcess? _genie;
    private PrometheusProcess? _prometheus;

    public PrometheusProcess Prometheus => _prometheus!;

    /// <summary>Every run Genie made during the fixture (all finished).</summary>
    public IReadOnlyList<RunResource> Runs { get; private set; } = [];

    public async Task InitializeAsync()
    {
        try
        {
            await MakeAsync();
        }
        catch
        {
            // Nothing may outlive a fixture that failed half-way: not Genie's cluster, not Prometheus.
            await DisposeAsync();
            throw;
        }
    }

    private async Task MakeAsync()
    {
        _genie = await ServerProcess.StartAsync(_dataDir, Patience);
        _prometheus = await PrometheusProcess.StartAsync(_genie.BaseAddress, Patience);
        var client = _genie.CreateClient();

        await client.ApplyJobAsync(Ns, Ticking, $"""
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {"{"}name: {Ticking}{"}"}
            spec:
              schedule: {"{"}cron: "* * * * *", timezone: UTC, catchUp: false{"}"}
              tasks:
                - name: tick
                  command: ["true"]
            """);
        // The first task sleeps so that a scrape every second sees its slot used; the second is its successor (a hand-off).
        await client.ApplyJobAsync(Ns, Chain, $"""
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {"{"}name: {Chain}{"}"}
            spec:
              tasks:
                - name: first
                  command: [sleep, "2"]
                - name: second
                  command: ["true"]
                  dependsOn: [first]
            """);
        for (var i = 0; i < ChainRuns; i++)
        {
            var run = await client.TriggerRunAsync(Ns, Chain);
            await client.UntilFinishedAsync(Ns, run.Id);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(75);
        while ((await RunsOfAsync(client, Ticking)).Count == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the minutely schedule never fired");
            await Task.Delay(500);
        }

        await client.PauseScheduleAsync(Ns, Ticking);
        foreach (var run in await RunsOfAsync(client, Ticking))
        {
            await client.UntilFinishedAsync(Ns, run.Id);
        }

        Runs = (await client.ListRunsAsync(Ns, new RunListQuery(Limit: 100))).Items;
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is { } prometheus)
        {
            _prometheus = null;
            await prometheus.DisposeAsync();
        }

        if (_genie is { } genie)
        {
            _genie = null;
            await genie.StopAsync(Patience);
            await genie.DisposeAsync();
        }

        if (Directory.Exists(_dataDir))
        {
            await TestPostgres.DeleteScratchDirAsync(_dataDir);
        }
    }

    private static async Task<IReadOnlyList<RunResource>> RunsOfAsync(GenieClient client, string job) =>
        (await client.ListRunsAsync(Ns, new RunListQuery(Job: job, Limit: 100))).Items;
}

/// <summary>The tests that share one scraped Genie (it takes a minute to make).</summary>
[CollectionDefinition(Name)]
public sealed class ScrapedGenieCollection : ICollectionFixture<ScrapedGenie>
{
    public const string Name = "scraped genie";
}
