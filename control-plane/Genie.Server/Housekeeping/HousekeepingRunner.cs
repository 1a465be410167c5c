using Genie.Server.Store;

namespace Genie.Server.Housekeeping;

/// <summary>Runs one housekeeping job by name and records its start and outcome, for Hangfire and for the run-now API.</summary>
public sealed class HousekeepingRunner(
    IEnumerable<IHousekeepingTask> tasks,
    HousekeepingStatusStore status,
    TimeProvider time,
    ILogger<HousekeepingRunner> logger)
{
    public IReadOnlyList<IHousekeepingTask> Tasks { get; } = tasks.ToList();

    public IHousekeepingTask? Find(string name) => Tasks.FirstOrDefault(t => t.Name == name);

    /// <summary>Which replica ran a pass, as the API shows it: host and process.</summary>
    public static string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// Runs the task now on this replica, for Hangfire's job and for the run-now API. Never throws but for
    /// cancellation: housekeeping failing must not fail its Hangfire job, and each task runs again at its next
    /// interval anyway. Recording the start is inside the guard too, as it needs the database as well.
    /// </summary>
    public async Task RunAsync(IHousekeepingTask task, CancellationToken cancellationToken)
    {
        try
        {
            await status.StartedAsync(task.Name, time.GetUtcNow(), InstanceId, cancellationToken);
            var detail = await task.RunAsync(cancellationToken);
            await status.FinishedAsync(task.Name, time.GetUtcNow(), true, detail, cancellationToken);
            logger.LogInformation("Housekeeping {Task}: {Detail}", task.Name, detail);
        }
        catch (Exception e) when (e is not OperationCanceledException && DatabaseOutage.Is(e))
        {
            // Nothing can be recorded while the database is down; the next interval tries again.
            logger.LogWarning("Housekeeping {Task} did not run: the database does not answer ({Reason}); the next interval tries again",
                task.Name, DatabaseOutage.Describe(e));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Housekeeping {Task} failed", task.Name);
            await RecordFailureAsync(task, e);
        }
    }

    /// <summary>The failure is recorded for the API; if even that fails, the error above is what remains.</summary>
    private async Task RecordFailureAsync(IHousekeepingTask task, Exception failure)
    {
        try
        {
            await status.FinishedAsync(task.Name, time.GetUtcNow(), false, failure.Message, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Housekeeping {Task}: its failure could not be recorded ({Reason})", task.Name, e.Message);
        }
    }
}
