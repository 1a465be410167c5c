using Dapper;
using Genie.Client;
using Genie.Server.Scheduling;
using Genie.Server.Store.Embedded;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Genie.Server.Tests.Scheduling;

/// <summary>
/// Ticks missed while no replica was up, through real restarts: `catchUp: false` fires the missed ticks once,
/// `catchUp: true` fires each of them. The outage is made by moving the stopped cluster's recurring jobs back in
/// time: Hangfire counts missed ticks from a recurring job's last execution (or its creation) to now.
/// </summary>
public sealed class ScheduleDowntimeTests : IAsyncLifetime
{
    private const string Ns = "default";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Outage = TimeSpan.FromHours(5);
    private readonly string _dataDir = TestPostgres.NewScratchDir();

    [Fact]
    public async Task Missed_hourly_ticks_fire_once_without_catch_up_and_each_with_it()
    {
        await using (var first = await ServerProcess.StartAsync(_dataDir, Patience))
        {
            var client = first.CreateClient();
            await client.ApplyJobAsync(Ns, "once", ScheduledSpecs.Job("once", "0 * * * *", catchUp: false));
            await client.ApplyJobAsync(Ns, "each", ScheduledSpecs.Job("each", "0 * * * *", catchUp: true));
            await first.StopAsync(Patience);
        }

        // Five whole hours back: the next fire time stays on the hour, so exactly five ticks were missed.
        await MoveSchedulesBackAsync(Outage);

        await using var second = await ServerProcess.StartAsync(_dataDir, Patience);
        var again = second.CreateClient();
        var deadline = DateTime.UtcNow + Patience;
        while ((await RunsOfAsync(again, "each")).Count < 5 || (await RunsOfAsync(again, "once")).Count < 1)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the missed ticks were never fired");
            await Task.Delay(200);
        }

        // Anything more would come within moments of the first fires; give it time to show up.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var each = await RunsOfAsync(again, "each");
        var once = await RunsOfAsync(again, "once");
        each.Count.ShouldBe(5);
        each.ShouldAllBe(r => r.Trigger == "schedule");
        once.Count.ShouldBe(1);
        once.Single().Trigger.ShouldBe("schedule");
        var next = await again.GetScheduleAsync(Ns, "once");
        next.NextFireTimes[0].ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        await second.StopAsync(Patience);

        // The one run stands for the latest tick missed; the five are the five hours missed, each with its own time.
        var ticks = await ScheduledTicksAsync();
        ticks["each"].Count.ShouldBe(5);
        ticks["each"].Zip(ticks["each"].Skip(1)).ShouldAllBe(pair => pair.Second - pair.First == TimeSpan.FromHours(1));
        ticks["once"].ShouldBe([ticks["each"][^1]]);
    }

    private static async Task<IReadOnlyList<Genie.Client.Contracts.RunResource>> RunsOfAsync(GenieClient client, string job) =>
        (await client.ListRunsAsync(Ns, new RunListQuery(Job: job, Limit: 100))).Items;

    private async Task<Dictionary<string, List<DateTimeOffset>>> ScheduledTicksAsync()
    {
        var cluster = await EmbeddedPostgres.StartAsync(_dataDir, PostgresBinaries.Locate(null), NullLogger.Instance, CancellationToken.None);
        try
        {
            await using var connection = new NpgsqlConnection(cluster.ConnectionStringFor("genie"));
            var rows = await connection.QueryAsync<(string Job, DateTimeOffset Scheduled)>("""
                select split_part(aggregate_id, '/', 2), (payload->>'scheduledFireTime')::timestamptz from events
                where type = 'schedule.tick' and payload->>'outcome' = 'created' order by 2
                """);
            return rows.GroupBy(r => r.Job).ToDictionary(g => g.Key, g => g.Select(r => r.Scheduled).ToList());
        }
        finally
        {
            await cluster.StopAsync(CancellationToken.None);
        }
    }

    private async Task MoveSchedulesBackAsync(TimeSpan by)
    {
        var cluster = await EmbeddedPostgres.StartAsync(_dataDir, PostgresBinaries.Locate(null), NullLogger.Instance, CancellationToken.None);
        try
        {
            await using var connection = new NpgsqlConnection(cluster.ConnectionStringFor("genie"));
            await connection.OpenAsync();
            // Hangfire keeps a recurring job's times as Unix milliseconds in its hash, and when it is due next as the
            // job's score (Unix seconds) in the `recurring-jobs` set. Its creation moves too: the jobs were applied before the outage.
            var moved = await connection.ExecuteAsync("""
                update hangfire.hash set value = (value::bigint - @ms)::text
                where key like 'recurring-job:' || @prefix || '%' and field in ('CreatedAt', 'LastExecution', 'NextExecution') and value ~ '^[0-9]+$';
                update hangfire.set set score = score - @seconds where key = 'recurring-jobs' and value like @prefix || '%';
                """, new { ms = (long)by.TotalMilliseconds, seconds = by.TotalSeconds, prefix = ScheduleKeys.Prefix });
            moved.ShouldBeGreaterThanOrEqualTo(2 * 2 + 2);
        }
        finally
        {
            await cluster.StopAsync(CancellationToken.None);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestPostgres.DeleteScratchDirAsync(_dataDir);
}
