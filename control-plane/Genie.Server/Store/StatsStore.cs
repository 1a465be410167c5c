using Dapper;
using Genie.Client.Contracts;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>
/// The dashboard's figures, each two ways with one meaning: from the `stats_*` tables the Flink jobs fill
/// (<c>flink: true</c>), or by SQL over Genie's own tables. Runs count as started by `started_at` and as succeeded or
/// failed by `finished_at`; a duration is `finished_at - started_at` of a run that succeeded or failed; a failed task is
/// an instance in `failed` by its `finished_at`; a tick's lag is its event's actual minus scheduled fire time.
/// </summary>
public sealed class StatsStore(NpgsqlDataSource dataSource)
{
    /// <summary>The oldest window start and newest window end of <paramref name="table"/>.</summary>
    public Task<StatsCoverage> CoverageAsync(StatsTable table, CancellationToken cancellationToken) =>
        SingleAsync<StatsCoverage>(
            $"select min(window_start) as oldeststart, max(window_end) as newestend from {TableName(table)}", null, cancellationToken);

    /// <summary>Run counts per bucket (buckets start at `From` and step by `Bucket`), oldest first; empty buckets are left out.</summary>
    public Task<IReadOnlyList<RunCounts>> RunCountsAsync(StatsFilter filter, bool flink, CancellationToken cancellationToken) =>
        ListAsync<RunCounts>(flink
            ? $"""
              select date_bin(make_interval(secs => @BucketSeconds), window_start, @From) as start,
                     sum(started)::bigint as started, sum(succeeded)::bigint as succeeded, sum(failed)::bigint as failed
              from stats_runs_minute
              where window_start >= @From and window_start < @To and {Matches("namespace", "job")}
              group by 1 order by 1
              """
            : $"""
              with moves as (
                  select started_at as at, 1 as started, 0 as succeeded, 0 as failed
                  from runs where started_at >= @From and started_at < @To and {Matches("namespace", "job_name")}
                  union all
                  select finished_at, 0, (state = 'succeeded')::int, (state = 'failed')::int
                  from runs where state in ('succeeded', 'failed') and finished_at >= @From and finished_at < @To and {Matches("namespace", "job_name")})
              select date_bin(make_interval(secs => @BucketSeconds), at, @From) as start,
                     sum(started)::bigint as started, sum(succeeded)::bigint as succeeded, sum(failed)::bigint as failed
              from moves group by 1 order by 1
              """, filter, cancellationToken);

    /// <summary>
    /// Jobs by p95 run duration, slowest first. The Flink path has a p50 and p95 per minute and can only weigh them by the
    /// runs that ended in each minute; within one minute both paths agree exactly.
    /// </summary>
    public Task<IReadOnlyList<JobDurationResource>> DurationsAsync(StatsFilter filter, bool flink, CancellationToken cancellationToken) =>
        ListAsync<JobDurationResource>(flink
            ? $"""
              select namespace, job, sum(succeeded + failed)::bigint as runs,
                     sum(p50_duration_ms * (succeeded + failed)) / nullif(sum(succeeded + failed) filter (where p50_duration_ms is not null), 0) as p50durationms,
                     sum(p95_duration_ms * (succeeded + failed)) / nullif(sum(succeeded + failed) filter (where p95_duration_ms is not null), 0) as p95durationms
              from stats_runs_minute
              where window_start >= @From and window_start < @To and succeeded + failed > 0 and {Matches("namespace", "job")}
              group by namespace, job
              order by p95durationms desc nulls last, namespace, job limit @Limit
              """
            : $"""
              with durations as (
                  select namespace, job_name as job, (extract(epoch from finished_at - started_at) * 1000)::double precision as ms
                  from runs
                  where state in ('succeeded', 'failed') and started_at is not null and finished_at >= @From and finished_at < @To
                    and {Matches("namespace", "job_name")})
              select namespace, job, count(*) as runs,
                     percentile_cont(0.5) within group (order by ms) as p50durationms,
                     percentile_cont(0.95) within group (order by ms) as p95durationms
              from durations group by namespace, job
              order by p95durationms desc nulls last, namespace, job limit @Limit
              """, filter, cancellationToken);

    /// <summary>Failed runs, newest first; the Flink jobs do not keep single runs, so this is always read from `runs`.</summary>
    public Task<IReadOnlyList<FailedRunResource>> FailuresAsync(StatsFilter filter, CancellationToken cancellationToken) =>
        ListAsync<FailedRunResource>($"""
            select namespace, job_name as job, id::text as runid, reason, finished_at as failedat
            from runs
            where state = 'failed' and finished_at >= @From and finished_at < @To and {Matches("namespace", "job_name")}
            order by finished_at desc, id limit @Limit
            """, filter, cancellationToken);

    /// <summary>
    /// Tick lag per job, largest first. The Flink path reads only the hopping windows that start on a multiple of their
    /// length: those tile time, so each tick counts once (the range is then read in steps of a window).
    /// </summary>
    public Task<IReadOnlyList<ScheduleDelayResource>> ScheduleDelayAsync(StatsFilter filter, bool flink, CancellationToken cancellationToken) =>
        ListAsync<ScheduleDelayResource>(flink
            ? $"""
              select namespace, job, sum(ticks)::bigint as ticks, max(max_lag_ms) as maxlagms,
                     sum(avg_lag_ms * ticks) / nullif(sum(ticks) filter (where avg_lag_ms is not null), 0) as avglagms
              from stats_schedule_lag
              where window_start >= @From and window_start < @To
                and extract(epoch from window_start)::bigint % greatest(extract(epoch from window_end - window_start)::bigint, 1) = 0
                and {Matches("namespace", "job")}
              group by namespace, job
              order by maxlagms desc nulls last, namespace, job limit @Limit
              """
            : $"""
              with ticks as (
                  select payload->>'namespace' as namespace, payload->>'job' as job,
                         (extract(epoch from (payload->>'actualFireTime')::timestamptz - (payload->>'scheduledFireTime')::timestamptz) * 1000)::double precision as lag
                  from events where type = 'schedule.tick' and occurred_at >= @From and occurred_at < @To)
              select namespace, job, count(*) as ticks, max(lag) as maxlagms, avg(lag) as avglagms
              from ticks where {Matches("namespace", "job")}
              group by namespace, job
              order by maxlagms desc nulls last, namespace, job limit @Limit
              """, filter, cancellationToken);

    /// <summary>Tasks by how many of their instances failed, most first.</summary>
    public Task<IReadOnlyList<TaskFailureResource>> TaskFailuresAsync(StatsFilter filter, bool flink, CancellationToken cancellationToken) =>
        ListAsync<TaskFailureResource>(flink
            ? $"""
              select namespace, job, task, sum(failures)::bigint as failures
              from stats_task_failures
              where window_start >= @From and window_start < @To and {Matches("namespace", "job")}
              group by namespace, job, task
              order by failures desc, namespace, job, task limit @Limit
              """
            : $"""
              select r.namespace, r.job_name as job, t.task_name as task, count(*) as failures
              from run_tasks t join runs r on r.id = t.run_id
              where t.state = 'failed' and t.finished_at >= @From and t.finished_at < @To and {Matches("r.namespace", "r.job_name")}
              group by r.namespace, r.job_name, t.task_name
              order by failures desc, namespace, job, task limit @Limit
              """, filter, cancellationToken);

    /// <summary>Each replica that beat since <paramref name="liveSince"/>: its slots and the local attempts it runs now.</summary>
    public Task<IReadOnlyList<ReplicaSlotsResource>> ReplicaSlotsAsync(DateTimeOffset liveSince, CancellationToken cancellationToken) =>
        ListAsync<ReplicaSlotsResource>("""
            select p.id as replica, p.host, p.slots, count(a.run_id) as used, p.heartbeat_at as heartbeatat
            from replicas p left join task_attempts a on a.owner = p.id and a.state = 'running'
            where p.heartbeat_at >= @liveSince
            group by p.id order by p.id
            """, new { liveSince }, cancellationToken);

    // The caller's filters and what it may see, on the columns that hold a row's namespace and job.
    private static string Matches(string ns, string job) =>
        $"(@Namespace::text is null or {ns} = @Namespace) and (@Job::text is null or {job} = @Job) and (@Visible::text[] is null or {ns} = any(@Visible))";

    private static string TableName(StatsTable table) => table switch
    {
        StatsTable.RunsMinute => "stats_runs_minute",
        StatsTable.ScheduleLag => "stats_schedule_lag",
        StatsTable.TaskFailures => "stats_task_failures",
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, null),
    };

    private async Task<IReadOnlyList<T>> ListAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
    }

    private async Task<T> SingleAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }
}
