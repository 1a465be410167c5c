using Dapper;
using Genie.Core.Runs;
using Genie.Server.Runs;
using Genie.Server.Store;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Genie.Server.Housekeeping;

/// <summary>
/// Finds runs that are running but going nowhere: no task instance running or waiting to retry, and
/// neither the run nor any of its tasks changed for <see cref="HousekeepingOptions.StuckAfter"/>. They are
/// reported, and with <see cref="HousekeepingOptions.FailStuckRuns"/> failed with the reason, which
/// frees their concurrency slots.
/// </summary>
public sealed class StuckRunDetection(
    NpgsqlDataSource dataSource,
    RunStore runs,
    RunCancellation cancellation,
    RunSignal signal,
    IOptions<HousekeepingOptions> options,
    TimeProvider time,
    ILogger<StuckRunDetection> logger) : IHousekeepingTask
{
    public string Name => "stuck-runs";

    public string Description => "Reports (or fails) running runs with nothing running and no change for the stuck threshold";

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow() - settings.StuckAfter;
        IReadOnlyList<Guid> stuck;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            stuck = (await connection.QueryAsync<Guid>(new CommandDefinition("""
                select r.id from runs r
                where r.state = 'running' and r.updated_at < @cutoff
                  and not exists (select 1 from run_tasks t
                                  where t.run_id = r.id and (t.updated_at >= @cutoff or t.state in ('running', 'retrying')))
                order by r.id
                limit @batch
                """, new { cutoff, batch = settings.BatchSize }, cancellationToken: cancellationToken))).ToList();
        }

        if (stuck.Count == 0)
        {
            return "no stuck runs";
        }

        logger.LogWarning("Runs stuck without progress since before {Cutoff}: {Runs}", cutoff, stuck);
        if (!settings.FailStuckRuns)
        {
            return $"{stuck.Count} stuck run(s), reported only: {string.Join(", ", stuck)}";
        }

        var reason = $"stuck: no task running and no change for {settings.StuckAfter}";
        var failed = 0;
        foreach (var id in stuck)
        {
            failed += await runs.InTransactionAsync(async tx =>
            {
                var run = await runs.LockAsync(tx, id, cancellationToken);
                if (run is null || run.RunState != RunState.Running)
                {
                    return 0;
                }

                await cancellation.EndAsync(tx, run, RunState.Failed, reason, cancellationToken);
                return 1;
            }, cancellationToken);
        }

        signal.Wake();
        return $"failed {failed} stuck run(s): {string.Join(", ", stuck)}";
    }
}
