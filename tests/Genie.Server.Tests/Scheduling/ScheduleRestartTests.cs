using Genie.Client.Contracts;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;

namespace Genie.Server.Tests.Scheduling;

/// <summary>Schedules and delayed runs live in the database: a real server process stopped and started again still has them.</summary>
public sealed class ScheduleRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _dataDir = TestPostgres.NewScratchDir();

    [Fact]
    public async Task A_paused_schedule_and_a_delayed_run_survive_a_restart()
    {
        string delayedId;
        await using (var first = await ServerProcess.StartAsync(_dataDir, Patience))
        {
            var client = first.CreateClient();
            await client.ApplyJobAsync("default", "nightly", ScheduledSpecs.Job("nightly", "0 2 * * *", "Europe/Berlin"));
            await client.ApplyJobAsync("default", "later", ScheduledSpecs.Unscheduled("later"));
            await client.PauseScheduleAsync("default", "nightly");
            var delayed = await client.TriggerRunAsync("default", "later", new TriggerRunRequest(Delay: "15s"));
            delayed.State.ShouldBe("queued");
            delayedId = delayed.Id;
            await first.StopAsync(Patience);
        }

        await using var second = await ServerProcess.StartAsync(_dataDir, Patience);
        var again = second.CreateClient();
        var schedule = await again.GetScheduleAsync("default", "nightly");
        schedule.Paused.ShouldBeTrue();
        schedule.Cron.ShouldBe("0 2 * * *");
        (await again.ResumeScheduleAsync("default", "nightly")).NextFireTimes.Count.ShouldBe(5);

        var run = await again.UntilFinishedAsync("default", delayedId);
        run.State.ShouldBe("succeeded");
        run.StartedAt!.Value.ShouldBeGreaterThanOrEqualTo(run.CreatedAt.AddSeconds(15));
        await second.StopAsync(Patience);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestPostgres.DeleteScratchDirAsync(_dataDir);
}
