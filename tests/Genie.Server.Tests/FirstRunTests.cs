using System.Diagnostics;
using Genie.Client.Contracts;
using Genie.Server.Executors.Local;
using Genie.Server.Store.Embedded;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;

namespace Genie.Server.Tests;

/// <summary>
/// A newcomer's first run: Genie as root, in a checkout inside a folder only root may enter (a clone under
/// /root, or in a `mktemp -d` folder). The embedded cluster runs as `postgres`, which cannot reach the data
/// dir there, so it lives under /var/lib/genie; Genie's own files stay in the data dir. The real server
/// process starts, serves, runs a job, stops with SIGTERM, and is started again (reusing the cluster) and
/// crashed (the next start attaches to the cluster left running); nothing outlives the last stop.
/// </summary>
public sealed class FirstRunTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    // Created 0700 and owned by root, as `mktemp -d` makes it.
    private readonly DirectoryInfo _private = Directory.CreateTempSubdirectory("genie-firstrun-");

    private string DataDir => Path.Combine(_private.FullName, "genie", ".genie");

    [Fact]
    public async Task A_data_dir_the_postgres_user_cannot_reach_gets_its_cluster_under_var_lib_genie()
    {
        await RequireRootAndAnUnreachableFolderAsync();
        var cluster = ClusterLocation.Relocated(DataDir);
        var livesThere = $"The embedded PostgreSQL cluster lives in {cluster.Root}, outside the data dir {DataDir}";
        var spec = RepositoryFiles.ReadExample("hello.yaml");
        int postmaster;

        await using (var first = await ServerProcess.StartAsync(DataDir, Patience))
        {
            first.Output.ShouldContain(livesThere);
            first.Output.ShouldContain("Creating the embedded PostgreSQL cluster");
            cluster.HoldsCluster.ShouldBeTrue();
            (await File.ReadAllTextAsync(Path.Combine(cluster.Root, ClusterLocation.DataDirNote))).Trim().ShouldBe(DataDir);
            (await OwnerAndModeAsync(cluster.Root)).ShouldBe("postgres 700");
            File.Exists(Path.Combine(DataDir, "postgres.secret")).ShouldBeTrue("the cluster's password stays in the data dir");
            Directory.Exists(Path.Combine(DataDir, "postgres")).ShouldBeFalse();

            var client = first.CreateClient();
            (await client.GetReadinessAsync()).Status.ShouldBe("ready");
            (await client.ApplyJobAsync("default", "hello", spec)).Result.Outcome.ShouldBe(ApplyOutcome.Created);
            var run = await client.UntilFinishedAsync("default", (await client.TriggerRunAsync("default", "hello")).Id);
            run.State.ShouldBe("succeeded");
            Directory.Exists(Path.Combine(DataDir, "runs", run.Id)).ShouldBeTrue("run folders stay in the data dir");

            postmaster = PostmasterPid(cluster);
            await first.StopAsync(Patience);
            first.ExitCode.ShouldBe(0);
            first.Output.ShouldContain("Stopped the embedded PostgreSQL");
        }

        ShouldAllHaveStopped(cluster, postmaster);

        await using (var second = await ServerProcess.StartAsync(DataDir, Patience))
        {
            second.Output.ShouldContain(livesThere);
            second.Output.ShouldNotContain("Creating the embedded PostgreSQL cluster");
            (await second.CreateClient().GetJobAsync("default", "hello")).Version.ShouldBe(1);
            await second.CrashAsync();
        }

        postmaster = PostmasterPid(cluster);
        ProcessGroup.IsAlive(postmaster).ShouldBeTrue("the cluster outlives a crashed Genie");

        await using (var third = await ServerProcess.StartAsync(DataDir, Patience))
        {
            third.Output.ShouldContain("Attached to the embedded PostgreSQL already running");
            (await third.CreateClient().GetReadinessAsync()).Status.ShouldBe("ready");
            await third.StopAsync(Patience);
            third.ExitCode.ShouldBe(0);
        }

        ShouldAllHaveStopped(cluster, postmaster);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Stops and removes the cluster under /var/lib/genie too, which deleting the folder would leave behind.
        await TestPostgres.DeleteScratchDirAsync(DataDir);
        _private.Delete(recursive: true);
    }

    /// <summary>
    /// Without root, or with a `postgres` user that can enter the folder after all, this test would prove
    /// nothing; it runs as root here and in CI, so a missing precondition fails it rather than skipping it.
    /// </summary>
    private async Task RequireRootAndAnUnreachableFolderAsync()
    {
        Environment.IsPrivilegedProcess.ShouldBeTrue("this test needs root: only a root Genie runs its cluster as `postgres`");
        (await RunAsync("id", "-u", "postgres")).ExitCode.ShouldBe(0, "this test needs the `postgres` user (Debian's postgresql package)");
        (await OwnerAndModeAsync(_private.FullName)).ShouldBe("root 700");
        var enter = await RunAsync("runuser", "-u", "postgres", "--", "test", "-x", _private.FullName);
        enter.ExitCode.ShouldNotBe(0, $"the `postgres` user must not be able to enter {_private.FullName}");
    }

    private static void ShouldAllHaveStopped(ClusterLocation cluster, int postmaster)
    {
        File.Exists(Path.Combine(cluster.DataDirectory, "postmaster.pid")).ShouldBeFalse();
        ProcessGroup.IsAlive(postmaster).ShouldBeFalse();
        ProcessesMentioning(cluster.Root).ShouldBeEmpty("nothing of the cluster may outlive Genie");
    }

    private static int PostmasterPid(ClusterLocation cluster) =>
        int.Parse(File.ReadLines(Path.Combine(cluster.DataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Live processes whose command line names <paramref name="text"/> (the postmaster names its data dir).</summary>
    private static List<string> ProcessesMentioning(string text)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal) && ProcessGroup.IsAlive(pid))
                {
                    found.Add($"{pid}: {commandLine}");
                }
            }
            catch (IOException)
            {
                // The process ended while being looked at.
            }
        }

        return found;
    }

    private static async Task<string> OwnerAndModeAsync(string path) => (await RunAsync("stat", "-c", "%U %a", path)).Output.Trim();

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
