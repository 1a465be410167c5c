using System.Net;
using System.Text.Json;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Client.Resources;
using Genie.Server.Tests.Infrastructure;

using static Genie.Server.Tests.Stats.StatsFixture;

namespace Genie.Server.Tests.Stats;

/// <summary>
/// With empty `stats_*` tables every figure is computed by SQL over Genie's own tables, and equals what the known runs,
/// tasks and ticks of <see cref="StatsFixture"/> add up to; callers see only their namespaces; bad queries are 400s.
/// </summary>
public sealed class StatsSqlPathTests(StatsFixture fixture) : IClassFixture<StatsFixture>
{
    private IStatsApi Stats => fixture.Admin.Stats;

    [Fact]
    public async Task Runs_are_counted_per_bucket_as_started_succeeded_and_failed_with_the_success_rate()
    {
        var runs = await Stats.GetRunsAsync(FirstTenMinutes);

        runs.Source.ShouldBe(StatsSource.Sql);
        runs.Bucket.ShouldBe(TimeSpan.FromMinutes(5));
        runs.Buckets.ShouldBe([
            new RunStatsBucket(Start, Start.AddMinutes(5), Started: 3, Succeeded: 1, Failed: 1),
            new RunStatsBucket(Start.AddMinutes(5), Start.AddMinutes(10), Started: 0, Succeeded: 1, Failed: 0),
        ]);
        (runs.Started, runs.Succeeded, runs.Failed).ShouldBe((3L, 2L, 1L));
        runs.SuccessRate!.Value.ShouldBe(2.0 / 3, tolerance: 1e-9);

        var everywhere = await Stats.GetRunsAsync(FirstTenMinutes with { Namespace = null });
        everywhere.Buckets[1].ShouldBe(new RunStatsBucket(Start.AddMinutes(5), Start.AddMinutes(10), 1, 1, 1));
        // The same instants written with another offset are the same range.
        var elsewhere = await Stats.GetRunsAsync(FirstTenMinutes with { From = Start.ToOffset(TimeSpan.FromHours(2)) });
        elsewhere.Buckets.ShouldBe(runs.Buckets);
        var oneJob = await Stats.GetRunsAsync(FirstTenMinutes with { Job = "fast" });
        (oneJob.Started, oneJob.Succeeded, oneJob.Failed).ShouldBe((2L, 1L, 1L));
    }

    [Fact]
    public async Task A_range_without_ended_runs_has_empty_buckets_and_no_success_rate()
    {
        var runs = await Stats.GetRunsAsync(new StatsQuery(Ns, From: Start.AddHours(-1), To: Start, Bucket: "15m"));

        runs.Buckets.Count.ShouldBe(4);
        runs.Buckets.ShouldAllBe(b => b.Started == 0 && b.Succeeded == 0 && b.Failed == 0);
        runs.SuccessRate.ShouldBeNull();
    }

    [Fact]
    public async Task Slowest_jobs_come_first_with_the_p50_and_p95_of_their_runs()
    {
        var durations = await Stats.GetDurationsAsync(FirstTenMinutes);

        durations.Source.ShouldBe(StatsSource.Sql);
        durations.Items.ShouldBe([
            new JobDurationResource(Ns, "slow", 1, 120_000, 120_000),
            // 10 s and 30 s: the median between them, p95 interpolated (10 + 0.95 × 20 s).
            new JobDurationResource(Ns, "fast", 2, 20_000, 29_000),
        ]);
    }

    [Fact]
    public async Task Recent_failures_name_the_job_run_reason_and_time_newest_first()
    {
        var failures = await Stats.GetFailuresAsync(FirstTenMinutes with { Namespace = null });

        failures.Source.ShouldBe(StatsSource.Sql);
        failures.Items.Select(f => (f.Namespace, f.Job, f.FailedAt)).ShouldBe([
            (Hidden, "theirs", Start.AddMinutes(5).AddSeconds(15)),
            (Ns, "fast", Start.AddMinutes(2).AddSeconds(30)),
        ]);
        failures.Items[1].RunId.ShouldBe(fixture.FailedRunId);
        failures.Items[1].Reason.ShouldBe("task greet failed");
        (await Stats.GetFailuresAsync(FirstTenMinutes with { Namespace = null, Limit = 1 })).Items.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Task_failure_hotspots_and_schedule_delay_add_up_the_failed_instances_and_ticks()
    {
        var hotspots = await Stats.GetTaskFailuresAsync(FirstTenMinutes with { Namespace = null });
        var delays = await Stats.GetScheduleDelayAsync(FirstTenMinutes);

        hotspots.Items.ShouldBe([new TaskFailureResource(Hidden, "theirs", "greet", 1), new TaskFailureResource(Ns, "fast", "greet", 1)]);
        delays.Source.ShouldBe(StatsSource.Sql);
        delays.Items.ShouldBe([new ScheduleDelayResource(Ns, "nightly", 2, 4_000, 3_000)]);
    }

    [Fact]
    public async Task A_caller_counts_only_the_namespaces_it_may_see()
    {
        var key = await fixture.Admin.CreateApiKeyAsync("stats viewer", [$"viewer:{Ns}"]);
        var viewer = new GenieClient(TestCredentials.Authorize(fixture.App.CreateClient(), key.Key)).Stats;
        var everything = FirstTenMinutes with { Namespace = null };

        var runs = await viewer.GetRunsAsync(everything);
        var failures = await viewer.GetFailuresAsync(everything);
        var hidden = await viewer.GetTaskFailuresAsync(everything with { Namespace = Hidden });

        (runs.Started, runs.Succeeded, runs.Failed).ShouldBe((3L, 2L, 1L));
        failures.Items.Select(f => f.Job).ShouldBe(["fast"]);
        hidden.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_a_range_the_last_day_up_to_now_is_counted_in_quarter_hours()
    {
        var runs = await Stats.GetRunsAsync(new StatsQuery(Ns));

        runs.To.ShouldBe(fixture.Clock.GetUtcNow());
        runs.From.ShouldBe(runs.To.AddDays(-1));
        runs.Bucket.ShouldBe(TimeSpan.FromMinutes(15));
        runs.Buckets.Count.ShouldBe(96);
        (runs.Started, runs.Succeeded, runs.Failed).ShouldBe((3L, 2L, 1L));
    }

    [Fact]
    public async Task Executor_slots_show_each_live_replica_with_its_configured_slots()
    {
        // The replica beats on real time, so a beat after the fixture moved the clock may still be due.
        ExecutorSlotsResource slots;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((slots = await Stats.GetExecutorSlotsAsync()).Replicas.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        slots.Source.ShouldBe(StatsSource.Sql);
        slots.Replicas.Count.ShouldBe(1);
        slots.Replicas[0].Slots.ShouldBe(Slots);
        (slots.Slots, slots.Used).ShouldBe((Slots, 0L));
    }

    [Theory]
    [InlineData("from=yesterday", "query.from")]
    [InlineData("to=2026-06-01T10:00:00", "query.to")]
    [InlineData("from=2026-06-01T10:00:00Z&to=2026-06-01T09:00:00Z", "query.to")]
    [InlineData("from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z", "query.from")]
    [InlineData("bucket=90s", "query.bucket")]
    [InlineData("bucket=soon", "query.bucket")]
    [InlineData("from=2026-05-01T00:00:00Z&to=2026-05-31T00:00:00Z&bucket=1m", "query.bucket")]
    [InlineData("namespace=Not_A_Label", "query.namespace")]
    [InlineData("job=UPPER", "query.job")]
    [InlineData("limit=0", "query.limit")]
    [InlineData("limit=many", "query.limit")]
    public async Task A_bad_parameter_is_a_400_problem_naming_its_path(string query, string path)
    {
        foreach (var figure in new[] { "runs", "failures", "durations", "schedule-delay", "task-failures" })
        {
            using var response = await fixture.App.CreateClient().GetAsync($"/api/v1/stats/{figure}?{query}");

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, figure);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldBe([path], figure);
        }
    }
}
