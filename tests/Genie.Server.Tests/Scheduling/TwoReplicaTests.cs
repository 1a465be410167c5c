using Dapper;
using Genie.Server.Tests.Infrastructure;
using Npgsql;

namespace Genie.Server.Tests.Scheduling;

/// <summary>
/// Exactly once across replicas: two real server processes, each with its Hangfire server, on one database, a
/// schedule firing every minute; through two minute boundaries each tick is fired by one replica and makes one run.
/// </summary>
public sealed class TwoReplicaTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _dirA = TestPostgres.NewScratchDir();
    private readonly string _dirB = TestPostgres.NewScratchDir();
    private TestDatabase _database = null!;

    [Fact]
    public async Task Two_replicas_fire_each_tick_once()
    {
        var settings = new Dictionary<string, string>
        {
            ["Genie:Database:ConnectionString"] = _database.ConnectionString,
        };
        await using var a = await ServerProcess.StartAsync(_dirA, Patience, settings);
        await using var b = await ServerProcess.StartAsync(_dirB, Patience, settings);
        await a.CreateClient().ApplyJobAsync("default", "minutely", ScheduledSpecs.Job("minutely", "* * * * *"));

        var deadline = DateTime.UtcNow.AddSeconds(150);
        IReadOnlyList<(DateTime Scheduled, long Ticks)> ticks;
        while ((ticks = await TicksAsync()).Count < 2)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "two minute ticks never fired:\n" + a.Output + "\n" + b.Output);
            await Task.Delay(500);
        }

        ticks.ShouldAllBe(t => t.Ticks == 1);
        await using var db = new NpgsqlConnection(_database.ConnectionString);
        var runsPerKey = (await db.QueryAsync<long>(
            "select count(*) from runs where trigger = 'schedule' group by idempotency_key")).ToList();
        runsPerKey.Count.ShouldBeGreaterThanOrEqualTo(2);
        runsPerKey.ShouldAllBe(n => n == 1);
        // Both replicas ran a Hangfire server on the shared storage all along, so each tick had two candidates.
        (await db.ExecuteScalarAsync<long>("select count(*) from hangfire.server")).ShouldBe(2);
    }

    // schedule.tick events per scheduled fire time.
    private async Task<IReadOnlyList<(DateTime Scheduled, long Ticks)>> TicksAsync()
    {
        await using var db = new NpgsqlConnection(_database.ConnectionString);
        return (await db.QueryAsync<(DateTime, long)>("""
            select (payload->>'scheduledFireTime')::timestamptz, count(*) from events
            where type = 'schedule.tick' group by 1 order by 1
            """)).ToList();
    }

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync(nameof(TwoReplicaTests));

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_dirA, recursive: true);
        Directory.Delete(_dirB, recursive: true);
    }
}
