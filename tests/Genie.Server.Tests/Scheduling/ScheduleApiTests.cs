using System.Globalization;
using Dapper;
using Genie.Client;
using Genie.Server.Scheduling;
using Genie.Server.Tests.Executors.Airflow;
using Genie.Server.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Scheduling;

/// <summary>The schedule API on a real server: applying creates, changes and removes recurring jobs; pause and resume; next fire times.</summary>
public sealed class ScheduleApiTests(GenieApp app) : IClassFixture<GenieApp>
{
    private const string Ns = "sched";
    private readonly GenieClient _client = app.CreateGenieClient();

    /// <summary>
    /// The server's clock stands at a fixed instant, so the five next ticks are the same on any day the tests run,
    /// including the days around Europe/Berlin's DST changes in 2026 (spring forward 29 March, fall back 25 October),
    /// where the README's rule decides: a tick in the skipped hour fires once, at the instant the clocks jump; a tick
    /// in the repeated hour fires once, in its first occurrence. Expected times are Berlin wall clock with its offset.
    /// </summary>
    [Theory]
    [InlineData("2026-01-14T12:00:00Z", // an ordinary winter week
        "2026-01-15 02:00 +01:00", "2026-01-16 02:00 +01:00", "2026-01-17 02:00 +01:00", "2026-01-18 02:00 +01:00", "2026-01-19 02:00 +01:00")]
    [InlineData("2026-03-27T12:00:00Z", // spring forward is among the next five days
        "2026-03-28 02:00 +01:00", "2026-03-29 03:00 +02:00", "2026-03-30 02:00 +02:00", "2026-03-31 02:00 +02:00", "2026-04-01 02:00 +02:00")]
    [InlineData("2026-03-29T00:30:00Z", // 01:30 CET on the spring-forward day: the first tick is the jump itself
        "2026-03-29 03:00 +02:00", "2026-03-30 02:00 +02:00", "2026-03-31 02:00 +02:00", "2026-04-01 02:00 +02:00", "2026-04-02 02:00 +02:00")]
    [InlineData("2026-10-23T12:00:00Z", // fall back is among the next five days
        "2026-10-24 02:00 +02:00", "2026-10-25 02:00 +02:00", "2026-10-26 02:00 +01:00", "2026-10-27 02:00 +01:00", "2026-10-28 02:00 +01:00")]
    [InlineData("2026-10-25T00:30:00Z", // 02:30 CEST, inside the first occurrence of the repeated hour: the second one does not fire
        "2026-10-26 02:00 +01:00", "2026-10-27 02:00 +01:00", "2026-10-28 02:00 +01:00", "2026-10-29 02:00 +01:00", "2026-10-30 02:00 +01:00")]
    public async Task Applying_a_scheduled_job_shows_its_next_fire_times_in_its_zone(string now, params string[] expectedBerlin)
    {
        // Scheduling stays in standby: a running scheduler would treat the fixed past ticks as missed, fire them and move them on.
        await using var pinned = new GenieApp()
            .WithClock(new AdjustableClock(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture)))
            .With("Genie:Scheduling:Enabled", "false");
        await pinned.InitializeAsync();
        var client = pinned.CreateGenieClient();
        await client.ApplyJobAsync(Ns, "nightly", ScheduledSpecs.Job("nightly", "0 2 * * *", "Europe/Berlin"));

        var schedule = await client.GetScheduleAsync(Ns, "nightly");

        schedule.Cron.ShouldBe("0 2 * * *");
        schedule.Timezone.ShouldBe("Europe/Berlin");
        schedule.Paused.ShouldBeFalse();
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        schedule.NextFireTimes
            .Select(t => TimeZoneInfo.ConvertTime(t, berlin).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture))
            .ShouldBe(expectedBerlin);
    }

    [Fact]
    public async Task A_paused_schedule_stays_paused_across_a_changed_spec_until_resumed()
    {
        await _client.ApplyJobAsync(Ns, "pausable", ScheduledSpecs.Job("pausable", "*/5 * * * *"));

        var paused = await _client.PauseScheduleAsync(Ns, "pausable");
        paused.Paused.ShouldBeTrue();
        paused.NextFireTimes.ShouldBeEmpty();

        await _client.ApplyJobAsync(Ns, "pausable", ScheduledSpecs.Job("pausable", "@hourly"));
        var changed = await _client.GetScheduleAsync(Ns, "pausable");
        changed.Cron.ShouldBe("@hourly");
        RecurringJobOf("pausable").ShouldBeNull("a paused schedule has no recurring job");
        changed.Paused.ShouldBeTrue();

        var resumed = await _client.ResumeScheduleAsync(Ns, "pausable");
        resumed.Paused.ShouldBeFalse();
        resumed.NextFireTimes.Count.ShouldBe(5);
        resumed.NextFireTimes.ShouldAllBe(t => t.Minute == 0 && t.Second == 0);
        var recurring = RecurringJobOf("pausable").ShouldNotBeNull();
        recurring.Cron.ShouldBe("@hourly");
        recurring.NextExecution.ShouldBe(resumed.NextFireTimes[0].UtcDateTime);
    }

    [Fact]
    public async Task Removing_the_schedule_or_deleting_the_job_removes_the_recurring_job()
    {
        await _client.ApplyJobAsync(Ns, "dropped", ScheduledSpecs.Job("dropped", "0 * * * *"));
        await _client.ApplyJobAsync(Ns, "deleted", ScheduledSpecs.Job("deleted", "0 * * * *"));
        RecurringJobOf("dropped").ShouldNotBeNull();

        await _client.ApplyJobAsync(Ns, "dropped", ScheduledSpecs.Unscheduled("dropped"));
        await _client.DeleteJobAsync(Ns, "deleted");

        RecurringJobOf("dropped").ShouldBeNull();
        RecurringJobOf("deleted").ShouldBeNull();
        var missing = await Should.ThrowAsync<GenieApiException>(() => _client.GetScheduleAsync(Ns, "dropped"));
        missing.StatusCode.ShouldBe(404);
        (await Should.ThrowAsync<GenieApiException>(() => _client.PauseScheduleAsync(Ns, "deleted"))).StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task A_recurring_job_lost_between_apply_and_sync_heals_on_the_next_full_sync()
    {
        await _client.ApplyJobAsync(Ns, "healed", ScheduledSpecs.Job("healed", "30 4 * * 1-5"));
        await using (var db = await app.OpenDatabaseAsync())
        {
            // As if the server died after the apply committed and before its recurring job was written.
            (await db.ExecuteAsync("""
                delete from hangfire.hash where key = 'recurring-job:' || @id;
                delete from hangfire.set where key = 'recurring-jobs' and value = @id;
                """, new { id = ScheduleKeys.For(Ns, "healed") })).ShouldBeGreaterThan(0);
        }

        await app.Services.GetRequiredService<ScheduleSync>().SyncAllAsync(CancellationToken.None);

        RecurringJobOf("healed").ShouldNotBeNull();
        var schedule = await _client.GetScheduleAsync(Ns, "healed");
        RecurringJobOf("healed").ShouldNotBeNull().Cron.ShouldBe("30 4 * * 1-5");
        schedule.NextFireTimes.ShouldAllBe(t => t.DayOfWeek != DayOfWeek.Saturday && t.DayOfWeek != DayOfWeek.Sunday);
    }

    [Fact]
    public async Task A_pause_recorded_before_a_crash_takes_effect_on_the_next_read()
    {
        await _client.ApplyJobAsync(Ns, "crashed", ScheduledSpecs.Job("crashed", "*/5 * * * *"));
        RecurringJobOf("crashed").ShouldNotBeNull();
        await using (var db = await app.OpenDatabaseAsync())
        {
            // As if the server died after the pause committed and before the recurring job was removed.
            await db.ExecuteAsync("insert into schedule_pauses (namespace, name, paused_at) values (@ns, 'crashed', now())", new { ns = Ns });
        }

        var schedule = await _client.GetScheduleAsync(Ns, "crashed");

        schedule.Paused.ShouldBeTrue();
        schedule.NextFireTimes.ShouldBeEmpty();
        RecurringJobOf("crashed").ShouldBeNull();
    }

    [Fact]
    public async Task Bad_names_are_problems()
    {
        var problem = await Should.ThrowAsync<GenieApiException>(() => _client.GetScheduleAsync(Ns, "Not_A_Name"));
        problem.StatusCode.ShouldBe(400);
    }

    // Read back from Hangfire's storage, as the dashboard and its scheduler see it.
    private RecurringJobDto? RecurringJobOf(string job)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs([ScheduleKeys.For(Ns, job)]).SingleOrDefault(r => !r.Removed);
    }
}
