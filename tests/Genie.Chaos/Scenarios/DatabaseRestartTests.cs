using Genie.Chaos.Harness;
using Xunit.Abstractions;

namespace Genie.Chaos.Scenarios;

/// <summary>
/// PostgreSQL stopped ("fast": sessions terminated) and started again on its port, several times under the load:
/// triggers meanwhile are answered 503 (never another 5xx) and succeed when sent again; every run still finishes.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class DatabaseRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Runs_survive_postgresql_stopped_and_started_under_load()
    {
        await using var run = await ChaosRun.StartAsync(output);
        var server = await run.StartServerAsync(run.DataDir("genie"));
        await ChaosJobs.ApplyAsync(ChaosRun.ClientOf(server), run.Ledger, run.Patience);
        run.Load.PointAt(ChaosRun.ClientOf(server));
        var port = run.Cluster.Port;

        await run.LoadWithFaultsAsync(async _ =>
        {
            await run.Cluster.PgCtl.StopFastAsync();
            await Task.Delay(ChaosRun.Size.Outage, run.Patience);
            await run.Cluster.PgCtl.StartAsync(port);
        });

        var verdict = await run.SettleAndCheckAsync();
        verdict.Refusals.Keys.ShouldContain("503", "the API answers 503 while the database is away");
        verdict.Refusals.Keys.Where(status => status.StartsWith('5')).ShouldBe(["503"], ignoreOrder: true);
    }
}
