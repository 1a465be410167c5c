using System.Text.Json;
using Dapper;
using Genie.Client;
using Genie.Server.Scheduling;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;
using Genie.Core.Scheduling;
using Hangfire;

namespace Genie.Server.Tests.Scheduling;

/// <summary>
/// What a tick does, driven directly (no waiting for the clock): a run through the normal trigger path,
/// idempotent per scheduled time, concurrency policies applied, and a `schedule.tick` event either way.
/// </summary>
public sealed class ScheduleTickTests(GenieApp app) : IClassFixture<GenieApp>
{
    private const string Ns = "ticks";
    private readonly GenieClient _client = app.CreateGenieClient();
    private ScheduleTick Tick => app.Services.GetRequiredService<ScheduleTick>();

    [Fact]
    public async Task A_tick_makes_one_run_and_a_refired_tick_finds_the_same_run()
    {
        await _client.ApplyJobAsync(Ns, "every", ScheduledSpecs.Job("every", "0 0 1 1 *"));
        var due = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using var _ = await PausedAsync("every");

        var first = await Tick.FireAsync(Ns, "every", due, CancellationToken.None);
        var again = await Tick.FireAsync(Ns, "every", due, CancellationToken.None);

        first.Outcome.ShouldBe("created");
        again.Outcome.ShouldBe("existing");
        again.RunId.ShouldBe(first.RunId);
        var run = await _client.UntilFinishedAsync(Ns, first.RunId!.Value.ToString());
        run.State.ShouldBe("succeeded");
        run.Trigger.ShouldBe("schedule");

        var events = await TickEventsAsync("every");
        events.Count.ShouldBe(2);
        events[0].GetProperty("scheduledFireTime").GetDateTimeOffset().ShouldBe(due);
        events[0].GetProperty("runId").GetGuid().ShouldBe(first.RunId!.Value);
        events[0].TryGetProperty("actualFireTime", out var actual).ShouldBeTrue();
        actual.GetDateTimeOffset().ShouldBeGreaterThan(due.AddYears(-10));
    }

    [Fact]
    public async Task A_tick_blocked_by_the_concurrency_policy_records_the_skipped_run()
    {
        await _client.ApplyJobAsync(Ns, "single", ScheduledSpecs.Job("single", "0 0 1 1 *", concurrency: "{maxActiveRuns: 1, onConflict: skip}"));
        await using var _ = await PausedAsync("single");
        var blocker = await _client.TriggerRunAsync(Ns, "single", new Genie.Client.Contracts.TriggerRunRequest(Delay: "1h"));

        var tick = await Tick.FireAsync(Ns, "single", DateTimeOffset.UtcNow, CancellationToken.None);

        tick.Outcome.ShouldBe("skipped");
        tick.Reason!.ShouldContain("onConflict: skip");
        (await _client.GetRunAsync(Ns, tick.RunId!.Value.ToString())).State.ShouldBe("skipped");
        await _client.CancelRunAsync(Ns, blocker.Id);
    }

    [Fact]
    public async Task A_tick_for_a_deleted_job_or_beyond_the_catch_up_window_makes_no_run_and_says_why()
    {
        await _client.ApplyJobAsync(Ns, "behind", ScheduledSpecs.Job("behind", "0 * * * *", catchUp: true));
        await using var _ = await PausedAsync("behind");

        var stale = await Tick.FireAsync(Ns, "behind", DateTimeOffset.UtcNow.AddDays(-3), CancellationToken.None);
        var fresh = await Tick.FireAsync(Ns, "behind", DateTimeOffset.UtcNow.AddHours(-3), CancellationToken.None);
        var gone = await Tick.FireAsync(Ns, "never-was", DateTimeOffset.UtcNow, CancellationToken.None);

        stale.Outcome.ShouldBe("none");
        stale.Reason!.ShouldContain("catch-up window");
        fresh.Outcome.ShouldBe("created");
        gone.Outcome.ShouldBe("none");
        gone.Reason!.ShouldContain("deleted");
        (await TickEventsAsync("never-was")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_instant_between_ticks_stands_for_the_tick_before_it()
    {
        await _client.ApplyJobAsync(Ns, "between", ScheduledSpecs.Job("between", "30 2 * * *", "Europe/Berlin"));
        await using var _ = await PausedAsync("between");

        // 02:30 Berlin is 00:30 UTC in summer; Hangfire's poll a few seconds later, and a catch-up fired hours later.
        var late = await Tick.FireAsync(Ns, "between", new DateTimeOffset(2030, 7, 1, 0, 30, 4, TimeSpan.Zero), CancellationToken.None);
        var hoursLate = await Tick.FireAsync(Ns, "between", new DateTimeOffset(2030, 7, 1, 9, 0, 0, TimeSpan.Zero), CancellationToken.None);

        late.ScheduledFireTime.ShouldBe(new DateTimeOffset(2030, 7, 1, 0, 30, 0, TimeSpan.Zero));
        late.Outcome.ShouldBe("created");
        hoursLate.ScheduledFireTime.ShouldBe(late.ScheduledFireTime);
        hoursLate.Outcome.ShouldBe("existing");
        hoursLate.RunId.ShouldBe(late.RunId);
    }

    [Fact]
    public async Task Hangfire_firing_the_recurring_job_runs_the_job()
    {
        await _client.ApplyJobAsync(Ns, "fired", ScheduledSpecs.Job("fired", "0 0 1 1 *"));

        app.Services.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(ScheduleKeys.For(Ns, "fired"));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await TickEventsAsync("fired")).Count == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "Hangfire never ran the tick job");
            await Task.Delay(100);
        }

        var tick = (await TickEventsAsync("fired")).Single();
        tick.GetProperty("outcome").GetString().ShouldBe("created");
        // Triggered now, between ticks: it stands for this year's 1 January, the latest tick before now.
        var expected = CronFireTimes.LatestAtOrBefore(CronSchedule.Parse("0 0 1 1 *"), "UTC", DateTimeOffset.UtcNow);
        tick.GetProperty("scheduledFireTime").GetDateTimeOffset().ShouldBe(expected!.Value);
        var run = await _client.UntilFinishedAsync(Ns, tick.GetProperty("runId").GetString()!);
        run.State.ShouldBe("succeeded");
    }

    // The recurring job itself is paused so only the test's own ticks make runs.
    private async Task<IAsyncDisposable> PausedAsync(string job)
    {
        await _client.PauseScheduleAsync(Ns, job);
        return new Resume(() => _client.ResumeScheduleAsync(Ns, job));
    }

    private async Task<List<JsonElement>> TickEventsAsync(string job)
    {
        await using var db = await app.OpenDatabaseAsync();
        var payloads = await db.QueryAsync<string>(
            "select payload::text from events where type = 'schedule.tick' and aggregate_id = @id order by id", new { id = $"{Ns}/{job}" });
        return payloads.Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList();
    }

    private sealed class Resume(Func<Task> resume) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await resume();
    }
}
