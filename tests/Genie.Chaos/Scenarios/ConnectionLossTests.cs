using Genie.Chaos.Harness;
using Xunit.Abstractions;

namespace Genie.Chaos.Scenarios;

/// <summary>
/// Genie's database sessions taken away under load: terminated by `pg_terminate_backend` (bursts of it, so some
/// die inside a transaction), and a tiny connection pool while the cluster has no connection slot left to reconnect.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class ConnectionLossTests(ITestOutputHelper output)
{
    private static readonly TimeSpan BurstPause = TimeSpan.FromMilliseconds(150);

    [Fact]
    public async Task Runs_survive_pg_terminate_backend_of_genies_sessions()
    {
        await using var run = await ChaosRun.StartAsync(output);
        var server = await run.StartServerAsync(run.DataDir("genie"));
        await ChaosJobs.ApplyAsync(ChaosRun.ClientOf(server), run.Ledger, run.Patience);
        run.Load.PointAt(ChaosRun.ClientOf(server));

        var terminated = 0;
        await run.LoadWithFaultsAsync(async _ =>
        {
            for (var burst = ChaosRun.Size.Outage; burst > TimeSpan.Zero; burst -= BurstPause)
            {
                terminated += await BackendTermination.TerminateAllAsync(run.Cluster.ConnectionString, run.Patience);
                await Task.Delay(BurstPause, run.Patience);
            }
        });

        output.WriteLine($"{terminated} sessions terminated");
        terminated.ShouldBeGreaterThan(0);
        await run.SettleAndCheckAsync();
    }

    [Fact]
    public async Task Runs_survive_a_tiny_pool_while_the_cluster_has_no_free_connection()
    {
        await using var run = await ChaosRun.StartAsync(output);
        var tinyPool = run.Cluster.ConnectionStringWith(b => b.MaxPoolSize = 3);
        var server = await run.StartServerAsync(run.DataDir("genie"), connectionString: tinyPool);
        await ChaosJobs.ApplyAsync(ChaosRun.ClientOf(server), run.Ledger, run.Patience);
        run.Load.PointAt(ChaosRun.ClientOf(server));

        await run.LoadWithFaultsAsync(async _ =>
        {
            // Genie's pooled sessions go first, so it has to reconnect while the hog holds every slot.
            await using var terminator = await BackendTermination.OpenAsync(run.Cluster.ConnectionString, run.Patience);
            await using var hog = await ConnectionHog.FillAsync(run.Cluster.ConnectionString, run.Patience);
            var terminated = await BackendTermination.TerminateAllAsync(terminator, run.Patience);
            output.WriteLine($"holding {hog.Held} idle sessions; terminated {terminated} of Genie's");
            await Task.Delay(ChaosRun.Size.Outage, run.Patience);
        });

        await run.SettleAndCheckAsync();
    }
}
