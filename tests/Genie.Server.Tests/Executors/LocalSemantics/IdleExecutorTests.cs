using Dapper;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>
/// An executor with nothing it can do right now sleeps until woken or until its poll interval, even while runs
/// wait: one behind a concurrency limit must not make it spin. Measured as the database work it does meanwhile,
/// with a bound far above a sleeping executor's and far below a spinning one's (thousands per second).
/// </summary>
public sealed class IdleExecutorTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "idle");

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    /// <summary>A sleeping executor (0.5 s poll) commits a few dozen transactions in the window; a spinning one thousands.</summary>
    private const long MaxTransactions = 600;

    [Fact]
    public async Task A_run_waiting_for_a_concurrency_slot_does_not_make_the_executor_spin()
    {
        using var gate = new TaskGate();
        await _bench.ApplyAsync("exclusive", $"""
            - name: hold
              script: "{gate.WaitScript}"
            """, "concurrency: {maxActiveRuns: 1, onConflict: queue}");
        var holder = await _bench.TriggerAsync("exclusive");
        await _bench.Client.UntilRunningAsync(holder, "hold");
        var waiting = await _bench.TriggerAsync("exclusive");

        var transactions = await TransactionsDuringAsync(Window);

        transactions.ShouldBeLessThan(MaxTransactions);
        (await _bench.Client.GetRunAsync(_bench.Namespace, waiting.Id)).State.ShouldBe("queued");
        gate.Open();
        (await _bench.Client.UntilFinishedAsync(waiting)).State.ShouldBe("succeeded");
    }

    /// <summary>Transactions committed in this app's database while the test itself stays quiet.</summary>
    private async Task<long> TransactionsDuringAsync(TimeSpan window)
    {
        await using var db = await app.OpenDatabaseAsync();
        const string Committed = "select xact_commit from pg_stat_database where datname = current_database()";

        // Statistics reach pg_stat_database up to a second late, so both readings wait that out.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var before = await db.QuerySingleAsync<long>(Committed);
        await Task.Delay(window);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        return await db.QuerySingleAsync<long>(Committed) - before;
    }
}
