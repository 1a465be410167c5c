using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests;

/// <summary>The real server process with its embedded PostgreSQL: stopped and started again, it still has its jobs.</summary>
public sealed class ServerRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _dataDir = TestPostgres.NewScratchDir();

    [Fact]
    public async Task Jobs_survive_a_restart_and_the_cluster_stops_with_the_server()
    {
        var spec = RepositoryFiles.ReadExample("hello.yaml");
        var cluster = Path.Combine(_dataDir, "postgres", "data");

        await using (var first = await ServerProcess.StartAsync(_dataDir, Patience))
        {
            var applied = await first.CreateClient().ApplyJobAsync("default", "hello", spec);
            applied.Result.Outcome.ShouldBe(ApplyOutcome.Created);
            File.Exists(Path.Combine(cluster, "PG_VERSION")).ShouldBeTrue();
            File.Exists(Path.Combine(cluster, "postmaster.pid")).ShouldBeTrue();

            await first.StopAsync(Patience);
            first.Output.ShouldContain("Stopped the embedded PostgreSQL");
        }

        File.Exists(Path.Combine(cluster, "postmaster.pid")).ShouldBeFalse();

        await using var second = await ServerProcess.StartAsync(_dataDir, Patience);
        var client = second.CreateClient();
        var job = await client.GetJobAsync("default", "hello");
        job.Version.ShouldBe(1);
        (await client.GetJobSourceAsync("default", "hello")).ShouldBe(spec);
        (await client.ApplyJobAsync("default", "hello", spec)).Result.Outcome.ShouldBe(ApplyOutcome.Unchanged);
        second.Output.ShouldNotContain("Creating the embedded PostgreSQL cluster");
        await second.StopAsync(Patience);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestPostgres.DeleteScratchDirAsync(_dataDir);
}
