using Genie.Chaos.Harness;
using Genie.Client;
using Xunit.Abstractions;

namespace Genie.Chaos.Scenarios;

/// <summary>
/// Task processes that ignore SIGTERM, among the steady load: one per fault hits its timeout, one is cancelled while
/// running. Each must end (failed, cancelled) by SIGKILL once the kill grace is over, not sooner, and no process may
/// outlive its attempt; the load's runs meanwhile all succeed.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class StubbornTaskTests(ITestOutputHelper output)
{
    // Timestamps come from two clocks (Genie's, the test's) and are rounded in the database.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task Tasks_that_ignore_sigterm_are_killed_after_the_grace_on_timeout_and_on_cancel()
    {
        await using var run = await ChaosRun.StartAsync(output);
        var stubborn = new StubbornJobs(run.Scratch);
        // Room for the stubborn tasks beside the load's.
        var server = await run.StartServerAsync(run.DataDir("genie"), new Dictionary<string, string> { ["Genie:Local:Slots"] = "24" });
        var client = ChaosRun.ClientOf(server);
        await ChaosJobs.ApplyAsync(client, run.Ledger, run.Patience);
        await stubborn.ApplyAsync(client, run.Patience);
        run.Load.PointAt(client);

        var timingOut = new List<string>();
        var cancels = new List<Task<(string RunId, DateTimeOffset At)>>();
        await run.LoadWithFaultsAsync(async _ =>
        {
            timingOut.AddRange((await run.Load.TriggerAsync(StubbornJobs.TimingOut, run.Patience)).RunIds);
            var cancelled = await run.Load.TriggerAsync(StubbornJobs.Cancelled, run.Patience);
            cancels.Add(CancelWhenRunningAsync(client, cancelled.RunIds[0], run.Patience));
        });
        var cancelled = await Task.WhenAll(cancels);

        await run.SettleAndCheckAsync(new RunExpectation(new Dictionary<string, IReadOnlySet<string>>
        {
            [StubbornJobs.TimingOut] = new HashSet<string> { "failed" },
            [StubbornJobs.Cancelled] = new HashSet<string> { "cancelled" },
        }));

        stubborn.Started.ShouldBe(2 * ChaosRun.Size.Faults);
        stubborn.Survivors().ShouldBeEmpty("every stubborn process got SIGKILL");
        foreach (var id in timingOut)
        {
            var attempt = (await client.GetRunAsync(ChaosJobs.Namespace, id)).Tasks!.Single().History.Single();
            output.WriteLine($"timed out: attempt lasted {(attempt.FinishedAt - attempt.StartedAt)!.Value.TotalSeconds:0.00} s");
            (attempt.FinishedAt - attempt.StartedAt)!.Value.ShouldBeGreaterThan(StubbornJobs.Timeout + ChaosRun.KillGrace - Slack);
        }

        foreach (var (id, at) in cancelled)
        {
            var attempt = (await client.GetRunAsync(ChaosJobs.Namespace, id)).Tasks!.Single().History.Single();
            output.WriteLine($"cancelled: attempt ended {(attempt.FinishedAt - at)!.Value.TotalSeconds:0.00} s after the cancel");
            (attempt.FinishedAt - at)!.Value.ShouldBeGreaterThan(ChaosRun.KillGrace - Slack);
        }
    }

    private static async Task<(string RunId, DateTimeOffset At)> CancelWhenRunningAsync(GenieClient client, string runId, CancellationToken cancellationToken)
    {
        while ((await client.GetRunAsync(ChaosJobs.Namespace, runId, cancellationToken)).Tasks?.SingleOrDefault()?.State != "running")
        {
            await Task.Delay(100, cancellationToken);
        }

        // The stubborn process must have set its trap before SIGTERM comes, or the shell would die of it at once.
        await Task.Delay(300, cancellationToken);
        var at = TimeProvider.System.GetUtcNow();
        await client.CancelRunAsync(ChaosJobs.Namespace, runId, cancellationToken);
        return (runId, at);
    }
}
