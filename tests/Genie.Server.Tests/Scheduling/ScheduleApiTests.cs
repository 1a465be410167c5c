using Dapper;
using Genie.Client;
using Genie.Server.Scheduling;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Scheduling;

/// <summary>The schedule API on a real server: applying creates, changes and removes triggers; pause and resume; next fire times.</summary>
public sealed class ScheduleApiTests(GenieApp app) : IClassFixture<GenieApp>
{
    private const string Ns = "sched";
    private readonly GenieClient _client = app.CreateGenieClient();

    [Fact]
    public async Task Applying_a_scheduled_job_shows_its_next_fire_times_in_its_zone()
    {
        await _client.ApplyJobAsync(Ns, "nightly", ScheduledSpecs.Job("nightly", "0 2 * * *", "Europe/Berlin"));

        var schedule = await _client.GetScheduleAsync(Ns, "nightly");

        schedule.Cron.ShouldBe("0 2 * * *");
        schedule.Timezone.ShouldBe("Europe/Berlin");
        schedule.QuartzCron.ShouldBe("0 0 2 * * ? *");
        schedule.Paused.ShouldBeFalse();
        schedule.NextFireTimes.Count.ShouldBe(5);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        schedule.NextFireTimes.ShouldAllBe(t => TimeZoneInfo.ConvertTime(t, berlin).Hour == 2 && TimeZoneInfo.ConvertTime(t, berlin).Minute == 0);
        schedule.NextFireTimes.ShouldBeInOrder();
        schedule.NextFireTimes[0].ShouldBeGreaterThan(DateTimeOffset.UtcNow);
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
        changed.QuartzCron.ShouldBe("0 0 * * * ? *");
        changed.Paused.ShouldBeTrue();

        var resumed = await _client.ResumeScheduleAsync(Ns, "pausable");
        resumed.Paused.ShouldBeFalse();
        resumed.NextFireTimes.Count.ShouldBe(5);
        resumed.NextFireTimes.ShouldAllBe(t => t.Minute == 0 && t.Second == 0);
    }

    [Fact]
    public async Task Removing_the_schedule_or_deleting_the_job_removes_the_trigger()
    {
        await _client.ApplyJobAsync(Ns, "dropped", ScheduledSpecs.Job("dropped", "0 * * * *"));
        await _client.ApplyJobAsync(Ns, "deleted", ScheduledSpecs.Job("deleted", "0 * * * *"));
        (await TriggerCountAsync("dropped")).ShouldBe(1);

        await _client.ApplyJobAsync(Ns, "dropped", ScheduledSpecs.Unscheduled("dropped"));
        await _client.DeleteJobAsync(Ns, "deleted");

        (await TriggerCountAsync("dropped")).ShouldBe(0);
        (await TriggerCountAsync("deleted")).ShouldBe(0);
        var missing = await Should.ThrowAsync<GenieApiException>(() => _client.GetScheduleAsync(Ns, "dropped"));
        missing.StatusCode.ShouldBe(404);
        (await Should.ThrowAsync<GenieApiException>(() => _client.PauseScheduleAsync(Ns, "deleted"))).StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task A_trigger_lost_between_apply_and_sync_heals_on_the_next_full_sync()
    {
        await _client.ApplyJobAsync(Ns, "healed", ScheduledSpecs.Job("healed", "30 4 * * 1-5"));
        await using (var db = await app.OpenDatabaseAsync())
        {
            // As if the server died after the apply committed and before its trigger was written.
            await db.ExecuteAsync("""
                delete from qrtz_cron_triggers where trigger_name = 'sched/healed';
                delete from qrtz_triggers where trigger_name = 'sched/healed';
                """);
        }

        await app.Services.GetRequiredService<ScheduleSync>().SyncAllAsync(CancellationToken.None);

        (await TriggerCountAsync("healed")).ShouldBe(1);
        var schedule = await _client.GetScheduleAsync(Ns, "healed");
        schedule.QuartzCron.ShouldBe("0 30 4 ? * MON-FRI *");
        schedule.NextFireTimes.ShouldAllBe(t => t.DayOfWeek != DayOfWeek.Saturday && t.DayOfWeek != DayOfWeek.Sunday);
    }

    [Fact]
    public async Task Bad_names_are_problems()
    {
        var problem = await Should.ThrowAsync<GenieApiException>(() => _client.GetScheduleAsync(Ns, "Not_A_Name"));
        problem.StatusCode.ShouldBe(400);
    }

    private async Task<int> TriggerCountAsync(string job)
    {
        await using var db = await app.OpenDatabaseAsync();
        return await db.ExecuteScalarAsync<int>(
            "select count(*) from qrtz_triggers where trigger_group = @group and trigger_name = @name",
            new { group = ScheduleKeys.TriggerGroup, name = $"{Ns}/{job}" });
    }
}
