using Genie.Client;
using Genie.Client.Contracts;
using Genie.Core.Runs;
using Genie.Server.Runs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Scheduling;
using Genie.Server.Store;
using Genie.Server.Tests.Executors.Airflow;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Stats;

/// <summary>
/// A server on a pinned clock holding runs, failed tasks and cron ticks with known times, made through the one door
/// (the state changer) and the scheduler's tick, as the executor and scheduler make them:
/// in `stats`, job `fast` ran 10 s (succeeded, started 10:01) and 30 s (failed in task `greet`, started 10:02), job `slow`
/// 120 s (succeeded, 10:03 to 10:05), and job `nightly` ticked twice with 2 s and 4 s of lag (at 10:06:00 and 10:06:30);
/// in `hidden`, job `theirs` failed after 5 s (started 10:05:10). The clock then shows 10:07.
/// </summary>
public sealed class StatsFixture : IAsyncLifetime
{
    public const string Ns = "stats";
    public const string Hidden = "hidden";
    public const int Slots = 3;

    public static readonly DateTimeOffset Start = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The range every run, failed task and tick of the fixture lies in, in two five-minute buckets.</summary>
    public static readonly StatsQuery FirstTenMinutes = new(Ns, From: Start, To: Start.AddMinutes(10), Bucket: "5m");

    public AdjustableClock Clock { get; } = new(Start);

    public GenieApp App { get; }

    public GenieClient Admin { get; private set; } = null!;

    /// <summary>The run of `fast` that failed.</summary>
    public string FailedRunId { get; private set; } = "";

    public StatsFixture() =>
        // Scheduling stays in standby: with a pinned clock Hangfire would fire by the real one.
        App = new GenieApp().WithClock(Clock).With("Genie:Scheduling:Enabled", "false").With("Genie:Local:Slots", Slots.ToString());

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        Admin = App.CreateGenieClient();
        await Admin.ApplyJobAsync(Ns, "fast", TestSpecs.Yaml("fast"));
        await Admin.ApplyJobAsync(Ns, "slow", TestSpecs.Yaml("slow"));
        await Admin.ApplyJobAsync(Hidden, "theirs", TestSpecs.Yaml("theirs"));

        await RunAsync(Ns, "fast", Start.AddMinutes(1), TimeSpan.FromSeconds(10), RunState.Succeeded);
        FailedRunId = await RunAsync(Ns, "fast", Start.AddMinutes(2), TimeSpan.FromSeconds(30), RunState.Failed);
        await RunAsync(Ns, "slow", Start.AddMinutes(3), TimeSpan.FromSeconds(120), RunState.Succeeded);
        await RunAsync(Hidden, "theirs", Start.AddMinutes(5).AddSeconds(10), TimeSpan.FromSeconds(5), RunState.Failed);

        // A job without a schedule makes no run: each tick is recorded with its lag and nothing else.
        var tick = App.Services.GetRequiredService<ScheduleTick>();
        MoveClockTo(Start.AddMinutes(6));
        await tick.FireAsync(Ns, "nightly", Clock.GetUtcNow().AddSeconds(-2), CancellationToken.None);
        MoveClockTo(Start.AddMinutes(6).AddSeconds(30));
        await tick.FireAsync(Ns, "nightly", Clock.GetUtcNow().AddSeconds(-4), CancellationToken.None);
        MoveClockTo(Start.AddMinutes(7));
    }

    public void MoveClockTo(DateTimeOffset time) => Clock.Advance(time - Clock.GetUtcNow());

    // A run due next week stays queued, out of the executor's way; the test starts and ends it in one transaction, so the
    // executor never sees it running. A failed run fails its task first, as the executor's failed runs do.
    private async Task<string> RunAsync(string ns, string job, DateTimeOffset startAt, TimeSpan duration, RunState outcome)
    {
        var run = await Admin.TriggerRunAsync(ns, job, new TriggerRunRequest(At: Start.AddDays(7)));
        MoveClockTo(startAt);
        var changer = App.Services.GetRequiredService<StateChanger>();
        var runs = App.Services.GetRequiredService<RunStore>();
        var plans = App.Services.GetRequiredService<JobPlans>();
        var instances = App.Services.GetRequiredService<TaskInstanceStore>();
        await changer.RunAsync("test", async tx =>
        {
            var locked = (await runs.LockAsync(tx.Transaction, Guid.Parse(run.Id), CancellationToken.None))!;
            // As admission starts a run: its task instances, then the move.
            var plan = await plans.GetAsync(locked.JobId, locked.JobVersion, CancellationToken.None);
            await instances.InsertAsync(tx.Transaction, locked.Id, plan.Instances(), CancellationToken.None);
            (await tx.MoveRunAsync(locked, RunState.Running, null, CancellationToken.None)).ShouldBeTrue();
            Clock.Advance(duration);
            if (outcome == RunState.Failed)
            {
                (await tx.MoveTaskAsync(locked, "greet", 0, new TaskChange(TaskState.Failed, "exit code 1", 1), CancellationToken.None)).ShouldBeTrue();
            }

            return await tx.MoveRunAsync(locked, outcome, outcome == RunState.Failed ? "task greet failed" : null, CancellationToken.None);
        }, CancellationToken.None);
        return run.Id;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
