using Genie.Client.Contracts;
using Genie.Server.Access;
using Genie.Server.Api;
using Genie.Server.Executors.Local;
using Genie.Server.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Genie.Server.Stats;

/// <summary>
/// `GET /api/v1/stats/...`: the dashboard's figures over a time range, for any caller, counting only the namespaces it
/// may see. Each answer names its `source` (<see cref="StatsSource"/>): the Flink-fed tables while fresh, else SQL.
/// </summary>
public static class StatsEndpoints
{
    private const string Range = "`from` (inclusive) and `to` (exclusive, RFC 3339; default the last 24 hours), `namespace`, `job`";

    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder api)
    {
        var stats = api.MapGroup("/stats").ForAnyCaller().WithTags("Stats");
        stats.MapGet("/runs", RunsAsync)
            .WithSummary($"Runs started, succeeded and failed per `bucket` (whole minutes), their totals and the success rate; {Range}");
        MapList(stats, "/failures", null, (store, filter, _, token) => store.FailuresAsync(filter, token))
            .WithSummary($"Failed runs newest first (`limit`, default 10); {Range}");
        MapList(stats, "/durations", StatsTable.RunsMinute, (store, filter, flink, token) => store.DurationsAsync(filter, flink, token))
            .WithSummary($"Jobs by the p95 of their runs' durations, slowest first, with p50 and the runs that ended; {Range}");
        MapList(stats, "/schedule-delay", StatsTable.ScheduleLag, (store, filter, flink, token) => store.ScheduleDelayAsync(filter, flink, token))
            .WithSummary($"Cron ticks per job with their largest and mean lag (actual minus scheduled fire time), largest first; {Range}");
        MapList(stats, "/task-failures", StatsTable.TaskFailures, (store, filter, flink, token) => store.TaskFailuresAsync(filter, flink, token))
            .WithSummary($"Tasks whose instances failed most, most first; {Range}");
        stats.MapGet("/executor-slots", ExecutorSlotsAsync)
            .WithSummary("The local executor's slots and the attempts running in them, per live replica and in total");
        return api;
    }

    private static async Task<Results<Ok<RunStatsResource>, ProblemHttpResult>> RunsAsync(
        HttpContext context, [AsParameters] StatsParameters query, StatsStore store, StatsSourceChoice sources, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (filter, errors) = query.Read(context.User.Grants(), time.GetUtcNow());
        if (filter is null)
        {
            return Invalid(errors);
        }

        var flink = await sources.UseFlinkAsync(StatsTable.RunsMinute, filter, cancellationToken);
        var counts = (await store.RunCountsAsync(filter, flink, cancellationToken)).ToDictionary(c => c.Start);
        var buckets = new List<RunStatsBucket>();
        for (var start = filter.From; start < filter.To; start += filter.Bucket)
        {
            var end = start + filter.Bucket < filter.To ? start + filter.Bucket : filter.To;
            var count = counts.GetValueOrDefault(start);
            buckets.Add(new RunStatsBucket(start, end, count?.Started ?? 0, count?.Succeeded ?? 0, count?.Failed ?? 0));
        }

        var succeeded = buckets.Sum(b => b.Succeeded);
        var failed = buckets.Sum(b => b.Failed);
        return TypedResults.Ok(new RunStatsResource(
            StatsSourceChoice.Name(flink), filter.From, filter.To, filter.Bucket, buckets, buckets.Sum(b => b.Started), succeeded, failed,
            succeeded + failed == 0 ? null : (double)succeeded / (succeeded + failed)));
    }

    // One list figure: read the query, pick the source when the figure has a Flink table (<paramref name="table"/>), read the rows.
    private static RouteHandlerBuilder MapList<T>(
        RouteGroupBuilder stats, string path, StatsTable? table,
        Func<StatsStore, StatsFilter, bool, CancellationToken, Task<IReadOnlyList<T>>> read) =>
        stats.MapGet(path, async Task<Results<Ok<StatsList<T>>, ProblemHttpResult>> (
            HttpContext context, [AsParameters] StatsParameters query, StatsStore store, StatsSourceChoice sources, TimeProvider time,
            CancellationToken cancellationToken) =>
        {
            var (filter, errors) = query.Read(context.User.Grants(), time.GetUtcNow());
            if (filter is null)
            {
                return Invalid(errors);
            }

            var flink = table is { } fast && await sources.UseFlinkAsync(fast, filter, cancellationToken);
            return TypedResults.Ok(new StatsList<T>(StatsSourceChoice.Name(flink), filter.From, filter.To, await read(store, filter, flink, cancellationToken)));
        });

    private static async Task<Ok<ExecutorSlotsResource>> ExecutorSlotsAsync(
        StatsStore store, IOptions<LocalExecutorOptions> local, TimeProvider time, CancellationToken cancellationToken)
    {
        // A replica silent this long is taken for dead by the others (they settle its attempts), so its slots are gone too.
        var replicas = await store.ReplicaSlotsAsync(time.GetUtcNow() - local.Value.ReplicaTimeout, cancellationToken);
        return TypedResults.Ok(new ExecutorSlotsResource(StatsSource.Sql, replicas.Sum(r => (long)r.Slots), replicas.Sum(r => r.Used), replicas));
    }

    private static ProblemHttpResult Invalid(IReadOnlyList<FieldError> errors) => ApiProblems.Invalid("The stats query is invalid", errors);
}
