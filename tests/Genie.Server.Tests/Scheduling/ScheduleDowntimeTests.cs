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
/// `catchUp: true` fires each of them. The outage is made by moving the stopped cluster's triggers back in time.
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

        await using var second = await ServerProcess.StartAsync(_dataDir, Patience, new Dictionary<string, string>
        {
            ["Genie:Scheduling:MisfireThreshold"] = "00:00:01",
        });
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
    }

    private static async Task<IReadOnlyList<Genie.Client.Contracts.RunResource>> RunsOfAsync(GenieClient client, string job) =>
        (await client.ListRunsAsync(Ns, new RunListQuery(Job: job, Limit: 100))).Items;

    private async Task MoveSchedulesBackAsync(TimeSpan by)
    {
        var cluster = await EmbeddedPostgres.StartAsync(_dataDir, PostgresBinaries.Locate(null), NullLogger.Instance, CancellationToken.None);
        try
        {
            await using var connection = new NpgsqlConnection(cluster.ConnectionStringFor("genie"));
            await connection.OpenAsync();
            // Quartz keeps fire times as UTC ticks. The start moves too: the jobs were applied before the outage.
            var moved = await connection.ExecuteAsync(
                "update qrtz_triggers set next_fire_time = next_fire_time - @ticks, start_time = start_time - @ticks where trigger_group = @group",
                new { ticks = by.Ticks, group = ScheduleKeys.TriggerGroup });
            moved.ShouldBe(2);
        }
        finally
        {
            await cluster.StopAsync(CancellationToken.None);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestPostgres.DeleteScratchDirAsync(_dataDir);
}
