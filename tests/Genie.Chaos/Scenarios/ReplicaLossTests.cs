using Dapper;
using Genie.Chaos.Harness;
using Genie.Server.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Genie.Chaos.Scenarios;

/// <summary>
/// Two replicas (two server processes, one database, their own data dirs and replica ids) share the load; one is
/// killed with SIGKILL while both run tasks, then a fresh one joins, and so on. The survivor settles the dead one's
/// attempts once its heartbeat is older than the replica timeout, and every run still finishes once.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class ReplicaLossTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_surviving_replica_takes_over_a_killed_replicas_attempts()
    {
        await using var run = await ChaosRun.StartAsync(output);
        var survivor = await StartReplicaAsync(run, "survivor");
        var doomed = await StartReplicaAsync(run, "doomed-0");
        await ChaosJobs.ApplyAsync(ChaosRun.ClientOf(survivor), run.Ledger, run.Patience);
        run.Load.PointAt(ChaosRun.ClientOf(survivor), ChaosRun.ClientOf(doomed));

        var orphaned = 0;
        await run.LoadWithFaultsAsync(async fault =>
        {
            if (fault % 2 == 0)
            {
                run.Load.PointAt(ChaosRun.ClientOf(survivor));
                await doomed.CrashAsync();
                orphaned += await RunningAttemptsOfAsync(run.Cluster.ConnectionString, $"doomed-{fault}");
            }
            else
            {
                doomed = await StartReplicaAsync(run, $"doomed-{fault + 1}");
                run.Load.PointAt(ChaosRun.ClientOf(survivor), ChaosRun.ClientOf(doomed));
            }
        });

        output.WriteLine($"{orphaned} attempts were running on a replica when it was killed");
        await run.SettleAndCheckAsync();
    }

    private static Task<ServerProcess> StartReplicaAsync(ChaosRun run, string name) =>
        run.StartServerAsync(run.DataDir(name), new Dictionary<string, string> { ["Genie:Local:ReplicaId"] = name });

    private static async Task<int> RunningAttemptsOfAsync(string connectionString, string replica)
    {
        await using var db = new NpgsqlConnection(connectionString);
        return await db.ExecuteScalarAsync<int>(
            "select count(*)::int from task_attempts where owner = @replica and state = 'running'", new { replica });
    }
}
