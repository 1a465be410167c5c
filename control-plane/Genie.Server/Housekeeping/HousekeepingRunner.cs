using Quartz;

namespace Genie.Server.Housekeeping;

/// <summary>Runs one housekeeping job by name and records its start and outcome, for Quartz and for the run-now API.</summary>
public sealed class HousekeepingRunner(
    IEnumerable<IHousekeepingTask> tasks,
    HousekeepingStatusStore status,
    ISchedulerFactory schedulers,
    TimeProvider time,
    ILogger<HousekeepingRunner> logger)
{
    public IReadOnlyList<IHousekeepingTask> Tasks { get; } = tasks.ToList();

    public IHousekeepingTask? Find(string name) => Tasks.FirstOrDefault(t => t.Name == name);

    /// <summary>Runs the task now on this replica (the run-now API).</summary>
    public async Task RunAsync(IHousekeepingTask task, CancellationToken cancellationToken) =>
        await RunAsync(task, (await schedulers.GetScheduler(cancellationToken)).SchedulerInstanceId, cancellationToken);

    /// <summary>
    /// Runs the task for the scheduler <paramref name="instanceId"/> names. Quartz's own jobs pass the id of
    /// the scheduler running them: asking the factory instead fails once that scheduler has begun shutting down,
    /// which a job that fired just before a stop (or a failed start) would otherwise log as an error.
    /// </summary>
    public async Task RunAsync(IHousekeepingTask task, string instanceId, CancellationToken cancellationToken)
    {
        await status.StartedAsync(task.Name, time.GetUtcNow(), instanceId, cancellationToken);
        try
        {
            var detail = await task.RunAsync(cancellationToken);
            await status.FinishedAsync(task.Name, time.GetUtcNow(), true, detail, cancellationToken);
            logger.LogInformation("Housekeeping {Task}: {Detail}", task.Name, detail);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Recorded for the API and retried at the next interval; housekeeping failing must not stop the scheduler.
            await status.FinishedAsync(task.Name, time.GetUtcNow(), false, e.Message, CancellationToken.None);
            logger.LogError(e, "Housekeeping {Task} failed", task.Name);
        }
    }
}
