using Dapper;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Client.Resources;

using static Genie.Server.Tests.Stats.StatsFixture;

namespace Genie.Server.Tests.Stats;

/// <summary>
/// The `stats_*` tables filled as the Flink jobs' JDBC sink fills them (upserts of closed windows) from the fixture's
/// runs, tasks and ticks: while they cover the range and are fresh the figures come from them and equal the SQL path's;
/// a range they do not cover, or tables gone stale, fall back to SQL.
/// </summary>
public sealed class StatsFlinkPathTests(StatsFixture fixture) : IClassFixture<StatsFixture>
{
    private IStatsApi Stats => fixture.Admin.Stats;

    [Fact]
    public async Task Fresh_tables_answer_with_the_figures_of_the_sql_path_and_stale_or_short_ones_do_not()
    {
        // Every window holding the fixture's events has closed (the last tick's five-minute windows end by 10:11).
        fixture.MoveClockTo(Start.AddMinutes(12));
        var bySql = await FiguresAsync(FirstTenMinutes);
        bySql.ShouldAllBe(source => source.Source == StatsSource.Sql);

        await FillAsSinkAsync();
        var byFlink = await FiguresAsync(FirstTenMinutes);

        byFlink.ShouldAllBe(source => source.Source == StatsSource.Flink);
        var (sqlRuns, flinkRuns) = ((RunStatsResource)bySql[0].Figure, (RunStatsResource)byFlink[0].Figure);
        flinkRuns.ShouldBe(sqlRuns with { Source = StatsSource.Flink, Buckets = flinkRuns.Buckets });
        flinkRuns.Buckets.ShouldBe(sqlRuns.Buckets);
        Items<ScheduleDelayResource>(byFlink[2]).ShouldBe(Items<ScheduleDelayResource>(bySql[2]));
        Items<TaskFailureResource>(byFlink[3]).ShouldBe(Items<TaskFailureResource>(bySql[3]));
        // A minute's p95 cannot be merged with another's exactly: over fast's two one-run minutes the Flink path weighs
        // them by runs (20 s) where SQL interpolates over both runs (29 s); everything else agrees.
        Items<JobDurationResource>(byFlink[1]).ShouldBe([
            Items<JobDurationResource>(bySql[1])[0],
            Items<JobDurationResource>(bySql[1])[1] with { P95DurationMs = 20_000 },
        ]);

        var beforeThePipeline = await FiguresAsync(FirstTenMinutes with { From = Start.AddHours(-2) });
        beforeThePipeline.ShouldAllBe(source => source.Source == StatsSource.Sql);

        // An hour later without a window written since: the tables are stale for a range up to now, still good for the past.
        fixture.MoveClockTo(Start.AddMinutes(72));
        var upToNow = await FiguresAsync(FirstTenMinutes with { To = null });
        var past = await FiguresAsync(FirstTenMinutes);
        upToNow.ShouldAllBe(source => source.Source == StatsSource.Sql);
        past.ShouldAllBe(source => source.Source == StatsSource.Flink);
    }

    private static IReadOnlyList<T> Items<T>((string Source, object Figure) answer) => ((StatsList<T>)answer.Figure).Items;

    // The four figures with a Flink table, in one order: runs, durations, schedule delay, task failures.
    private async Task<List<(string Source, object Figure)>> FiguresAsync(StatsQuery query)
    {
        var runs = await Stats.GetRunsAsync(query);
        var durations = await Stats.GetDurationsAsync(query);
        var delays = await Stats.GetScheduleDelayAsync(query);
        var hotspots = await Stats.GetTaskFailuresAsync(query);
        return [(runs.Source, runs), (durations.Source, durations), (delays.Source, delays), (hotspots.Source, hotspots)];
    }

    // The rows the Flink jobs emit for the fixture's events, upserted on their keys as the JDBC sink does; plus the
    // windows of an hour earlier (another namespace), since the pipeline ran before the range began.
    private async Task FillAsSinkAsync()
    {
        await using var db = await fixture.App.OpenDatabaseAsync();
        var runs = new[]
        {
            ("earlier", "job", Start.AddHours(-1), 1, 1, 0, (double?)1_000),
            (Ns, "fast", Start.AddMinutes(1), 1, 1, 0, 10_000),
            (Ns, "fast", Start.AddMinutes(2), 1, 0, 1, 30_000),
            (Ns, "slow", Start.AddMinutes(3), 1, 0, 0, null),
            (Ns, "slow", Start.AddMinutes(5), 0, 1, 0, 120_000),
            (Hidden, "theirs", Start.AddMinutes(5), 1, 0, 1, 5_000),
        };
        foreach (var (ns, job, start, started, succeeded, failed, duration) in runs)
        {
            await db.ExecuteAsync("""
                insert into stats_runs_minute (namespace, job, window_start, window_end, started, succeeded, failed, p50_duration_ms, p95_duration_ms)
                values (@ns, @job, @start, @start + interval '1 minute', @started, @succeeded, @failed, @duration, @duration)
                on conflict (namespace, job, window_start) do update set window_end = excluded.window_end, started = excluded.started,
                    succeeded = excluded.succeeded, failed = excluded.failed, p50_duration_ms = excluded.p50_duration_ms, p95_duration_ms = excluded.p95_duration_ms
                """, new { ns, job, start = start.UtcDateTime, started, succeeded, failed, duration });
        }

        // Both ticks (10:06:00 and 10:06:30) lie in the five windows starting 10:02 to 10:06; the one of an hour earlier in its own five.
        var hops = Enumerable.Range(2, 5).Select(m => (Ns, "nightly", Start.AddMinutes(m), 2, 4_000.0, 3_000.0))
            .Concat(Enumerable.Range(-64, 5).Select(m => ("earlier", "job", Start.AddMinutes(m), 1, 500.0, 500.0)));
        foreach (var (ns, job, start, ticks, max, avg) in hops)
        {
            await db.ExecuteAsync("""
                insert into stats_schedule_lag (namespace, job, window_start, window_end, ticks, max_lag_ms, avg_lag_ms)
                values (@ns, @job, @start, @start + interval '5 minutes', @ticks, @max, @avg)
                on conflict (namespace, job, window_start) do update set window_end = excluded.window_end, ticks = excluded.ticks,
                    max_lag_ms = excluded.max_lag_ms, avg_lag_ms = excluded.avg_lag_ms
                """, new { ns, job, start = start.UtcDateTime, ticks, max, avg });
        }

        var failures = new[]
        {
            ("earlier", "job", "load", Start.AddHours(-1)), (Ns, "fast", "greet", Start.AddMinutes(2)),
            (Hidden, "theirs", "greet", Start.AddMinutes(5)),
        };
        foreach (var (ns, job, task, start) in failures)
        {
            await db.ExecuteAsync("""
                insert into stats_task_failures (namespace, job, task, window_start, window_end, failures)
                values (@ns, @job, @task, @start, @start + interval '1 minute', 1)
                on conflict (namespace, job, task, window_start) do update set window_end = excluded.window_end, failures = excluded.failures
                """, new { ns, job, task, start = start.UtcDateTime });
        }
    }
}
