using Genie.Chaos.Harness;
using Genie.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Genie.Chaos.Scenarios;

/// <summary>
/// `kill -9` of the server in the middle of the load, several times in a row, each time restarted on the same data
/// dir and database: attempts that ended meanwhile are recorded as they ended, cut ones retried, nothing runs twice.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class ServerKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Runs_survive_repeated_kill_9_of_the_server()
    {
        await using var run = await ChaosRun.StartAsync(output);
        var dataDir = run.DataDir("genie");
        var server = await run.StartServerAsync(dataDir);
        await ChaosJobs.ApplyAsync(ChaosRun.ClientOf(server), run.Ledger, run.Patience);
        run.Load.PointAt(ChaosRun.ClientOf(server));

        await run.LoadWithFaultsAsync(async _ =>
        {
            await server.CrashAsync();
            server = await run.StartServerAsync(dataDir);
            run.Load.PointAt(ChaosRun.ClientOf(server));
        });

        await run.SettleAndCheckAsync();
    }
}
