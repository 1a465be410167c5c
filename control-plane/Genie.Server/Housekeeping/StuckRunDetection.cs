using Genie.Core.Events;
using Genie.Core.Runs;
using Genie.Server.Runs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Housekeeping;

/// <summary>
/// Finds runs that are running but going nowhere: no task instance running or waiting to retry, and
/// neither the run nor any of its tasks changed for <see cref="HousekeepingOptions.StuckAfter"/>. They are
/// reported, and with <see cref="HousekeepingOptions.FailStuckRuns"/> failed with the reason, which
/// frees their concurrency slots.
/// </summary>
public sealed class StuckRunDetection(
    StateChanger changer,
    RunStore runs,
    RunCancellation cancellation,
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
        var stuck = await runs.StuckAsync(cutoff, settings.BatchSize, cancellationToken);
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
            failed += await changer.RunAsync(Actors.Housekeeping, async tx =>
            {
                var run = await runs.LockAsync(tx.Transaction, id, cancellationToken);
                if (run is null || run.RunState != RunState.Running)
                {
                    return 0;
                }

                await cancellation.EndAsync(tx, run, RunState.Failed, reason, cancellationToken);
                return 1;
            }, cancellationToken);
        }

        return $"failed {failed} stuck run(s): {string.Join(", ", stuck)}";
    }
}
