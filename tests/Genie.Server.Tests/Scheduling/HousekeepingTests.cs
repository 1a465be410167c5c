using Dapper;
using Genie.Client;
using Genie.Server.Housekeeping;
using Genie.Server.Store;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Genie.Server.Tests.Scheduling;

/// <summary>The housekeeping jobs, run on demand through the API with their outcome recorded: retention, pruning, stuck runs.</summary>
public sealed class HousekeepingTests : IAsyncLifetime
{
    private const string Ns = "keep";
    private GenieApp _app = null!;
    private GenieClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await GenieApp.StartAsync(
            ("Genie:Housekeeping:RunRetention", "1.00:00:00"),
            ("Genie:Housekeeping:EventRetention", "1.00:00:00"),
            ("Genie:Housekeeping:StuckAfter", "01:00:00"),
            ("Genie:Housekeeping:FailStuckRuns", "true"),
            // Once a day at midnight UTC: Hangfire's own passes stay out of the tests' way.
            ("Genie:Housekeeping:Interval", "1.00:00:00"));
        _client = _app.CreateGenieClient();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Lists_every_job_with_its_next_run()
    {
        var jobs = await _client.ListHousekeepingAsync();

        jobs.Select(j => j.Name).ShouldBe(["run-retention", "event-pruning", "stuck-runs", "audit-retention"], ignoreOrder: true);
        jobs.ShouldAllBe(j => j.NextRunAt != null && j.Interval > TimeSpan.Zero);
    }

    [Fact]
    public async Task Run_retention_deletes_old_finished_runs_with_their_rows_and_logs_and_keeps_the_rest()
    {
        await _client.ApplyJobAsync(Ns, "old", ScheduledSpecs.Unscheduled("old"));
        var old = await _client.UntilFinishedAsync(Ns, (await _client.TriggerRunAsync(Ns, "old")).Id);
        var recent = await _client.UntilFinishedAsync(Ns, (await _client.TriggerRunAsync(Ns, "old")).Id);
        var folder = Path.Combine(_app.DataDir, "runs", old.Id);
        Directory.Exists(folder).ShouldBeTrue();
        await ExecuteAsync("update runs set finished_at = now() - interval '3 days' where id = @id", Guid.Parse(old.Id));

        var outcome = await _client.RunHousekeepingAsync("run-retention");

        outcome.LastSucceeded.ShouldBe(true);
        outcome.LastDetail!.ShouldStartWith("deleted 1 run(s)");
        (await CountAsync("select count(*) from runs where id = @id", Guid.Parse(old.Id))).ShouldBe(0);
        (await CountAsync("select count(*) from run_tasks where run_id = @id", Guid.Parse(old.Id))).ShouldBe(0);
        (await CountAsync("select count(*) from task_attempts where run_id = @id", Guid.Parse(old.Id))).ShouldBe(0);
        Directory.Exists(folder).ShouldBeFalse();
        (await _client.GetRunAsync(Ns, recent.Id)).State.ShouldBe("succeeded");
    }

    [Fact]
    public async Task Event_pruning_deletes_only_events_older_than_the_retention()
    {
        await ExecuteAsync("""
            insert into events (occurred_at, aggregate_type, aggregate_id, type, actor, payload)
            values (now() - interval '2 days', 'test', @id::text, 'test.old', 'test', '{}'), (now(), 'test', @id::text, 'test.new', 'test', '{}')
            """, Guid.NewGuid());

        var outcome = await _client.RunHousekeepingAsync("event-pruning");

        outcome.LastSucceeded.ShouldBe(true);
        (await CountAsync("select count(*) from events where type = 'test.old' and @id::uuid is not null", Guid.Empty)).ShouldBe(0);
        (await CountAsync("select count(*) from events where type = 'test.new' and @id::uuid is not null", Guid.Empty)).ShouldBe(1);
        (await _client.ListHousekeepingAsync()).Single(j => j.Name == "event-pruning").LastFinishedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_running_run_without_progress_is_failed_with_the_reason()
    {
        await _client.ApplyJobAsync(Ns, "hung", ScheduledSpecs.Unscheduled("hung"));
        var run = await _client.UntilFinishedAsync(Ns, (await _client.TriggerRunAsync(Ns, "hung")).Id);
        // As if the executor lost it: running, its task neither running nor changing for hours.
        await ExecuteAsync("""
            update runs set state = 'running', finished_at = null, updated_at = now() - interval '3 hours' where id = @id;
            update run_tasks set state = 'queued', finished_at = null, updated_at = now() - interval '3 hours' where run_id = @id;
            """, Guid.Parse(run.Id));

        var outcome = await _client.RunHousekeepingAsync("stuck-runs");

        outcome.LastDetail!.ShouldContain("failed 1 stuck run(s)");
        var failed = await _client.GetRunAsync(Ns, run.Id);
        failed.State.ShouldBe("failed");
        failed.Reason!.ShouldContain("stuck");
    }

    [Fact]
    public async Task A_pass_Hangfire_starts_while_another_pass_of_the_task_runs_skips()
    {
        var before = (await _client.ListHousekeepingAsync()).Single(j => j.Name == "event-pruning").LastStartedAt;
        var locks = _app.Services.GetRequiredService<SessionLocks>();
        var job = ActivatorUtilities.CreateInstance<HousekeepingJob>(_app.Services);

        // The lock the running pass holds, taken here as another replica's pass would.
        await using (var held = await locks.TryTakeAsync(HousekeepingJob.LockClass, "event-pruning", CancellationToken.None))
        {
            held.ShouldNotBeNull();
            await job.RunAsync("event-pruning", CancellationToken.None);
            (await _client.ListHousekeepingAsync()).Single(j => j.Name == "event-pruning").LastStartedAt.ShouldBe(before);
        }

        await job.RunAsync("event-pruning", CancellationToken.None);
        (await _client.ListHousekeepingAsync()).Single(j => j.Name == "event-pruning").LastStartedAt.ShouldNotBe(before);
    }

    [Fact]
    public async Task An_unknown_job_is_not_found()
    {
        (await Should.ThrowAsync<GenieApiException>(() => _client.RunHousekeepingAsync("nope"))).StatusCode.ShouldBe(404);
    }

    private async Task ExecuteAsync(string sql, Guid id)
    {
        await using var db = await _app.OpenDatabaseAsync();
        await db.ExecuteAsync(sql, new { id });
    }

    private async Task<long> CountAsync(string sql, Guid id)
    {
        await using var db = await _app.OpenDatabaseAsync();
        return await db.ExecuteScalarAsync<long>(sql, new { id });
    }
}
