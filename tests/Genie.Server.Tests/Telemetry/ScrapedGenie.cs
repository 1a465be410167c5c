using Genie.Client;
using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;

namespace Genie.Server.Tests.Telemetry;

/// <summary>
/// A real Genie process scraped every second by a real Prometheus, after it ran a two-task job a few times and a
/// minutely cron job fired twice (waiting for the minutes to come, up to two of them, as a user would). The scheduled job is paused
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

        // Two ticks: Prometheus's rate() loses a series' first increment (the series appears already at 1), so a
        // dashboard's delay quantile needs a second tick to show anything, in the test as in production.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(135);
        while ((await RunsOfAsync(client, Ticking)).Count < 2)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the minutely schedule did not fire twice");
            await Task.Delay(500);
        }

        await client.PauseScheduleAsync(Ns, Ticking);
        foreach (var run in await RunsOfAsync(client, Ticking))
        {
            await client.UntilFinishedAsync(Ns, run.Id);
        }

        Runs = (await client.ListRunsAsync(Ns, new RunListQuery(Limit: 100))).Items;

        // Until Prometheus has scraped the last run, and a few scrapes more: rate() and increase() need two samples.
        await Prometheus.QueryUntilAsync($"sum(genie_runs_total{{genie_namespace=\"{Ns}\", genie_run_previous_state=\"none\"}})",
            samples => samples.Count == 1 && samples[0].Value == Runs.Count, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));
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

/// <summary>The tests that share one scraped Genie (it takes up to two minutes to make).</summary>
[CollectionDefinition(Name)]
public sealed class ScrapedGenieCollection : ICollectionFixture<ScrapedGenie>
{
    public const string Name = "scraped genie";
}
