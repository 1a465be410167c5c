using Genie.Chaos.Harness;
using Xunit.Abstractions;

namespace Genie.Chaos.Scenarios;

/// <summary>
/// Genie's data dir (run folders, task logs, each attempt's pid and exit code files) on a small tmpfs that is filled
/// to the last byte for a while under the load, then freed. Attempts may fail meanwhile and be retried, but every
/// run ends succeeded and no task that finished runs again.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class DiskFullTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Runs_survive_a_full_data_dir_disk()
    {
        await using var run = await ChaosRun.StartAsync(output);
        await using var disk = await TmpfsMount.MountAsync(run.DataDir("genie"), megabytes: 16, run.Patience);
        var server = await run.StartServerAsync(disk.Path);
        await ChaosJobs.ApplyAsync(ChaosRun.ClientOf(server), run.Ledger, run.Patience);
        run.Load.PointAt(ChaosRun.ClientOf(server));

        await run.LoadWithFaultsAsync(async _ =>
        {
            var filled = await disk.FillAsync(run.Patience);
            output.WriteLine($"filled the data dir's disk with {filled / 1024} KiB");
            await Task.Delay(ChaosRun.Size.Outage, run.Patience);
            disk.Free();
        });

        await run.SettleAndCheckAsync();
        output.WriteLine($"server log lines about the full disk: {server.Output.Split('\n').Count(l => l.Contains("No space left", StringComparison.Ordinal))}");
        await server.StopAsync(TimeSpan.FromSeconds(30));
    }
}
