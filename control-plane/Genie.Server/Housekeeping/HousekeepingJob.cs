using Genie.Server.Store;
using Hangfire;

namespace Genie.Server.Housekeeping;

/// <summary>
/// The Hangfire job of a housekeeping task. Hangfire enqueues each tick once for the whole cluster, but a pass
/// that outlasts its interval would meet the next one on another worker or replica: a session lock per task lets
/// only one pass of a task run at a time, and the later one skips.
/// </summary>
public sealed class HousekeepingJob(HousekeepingRunner runner, SessionLocks locks, ILogger<HousekeepingJob> logger)
{
    internal const int LockClass = 0x48_4B_50_53; // "HKPS"

    /// <summary>Never retried: a failed pass is recorded, and the next interval runs the task again anyway.</summary>
    [JobDisplayName("housekeeping {0}")]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string task, CancellationToken cancellationToken)
    {
        if (runner.Find(task) is not { } found)
        {
            return;
        }

        IAsyncDisposable? held;
        try
        {
            held = await locks.TryTakeAsync(LockClass, task, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && DatabaseOutage.Is(e))
        {
            logger.LogWarning("Housekeeping {Task} did not run: the database does not answer ({Reason}); the next interval tries again",
                task, DatabaseOutage.Describe(e));
            return;
        }

        await using var _ = held;
        if (held is null)
        {
            logger.LogInformation("Housekeeping {Task} skipped: its previous pass is still running", task);
            return;
        }

        await runner.RunAsync(found, cancellationToken);
    }
}
