using Genie.Server.Store;
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

    public async Task RunAsync(IHousekeepingTask task, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await status.StartedAsync(task.Name, time.GetUtcNow(), scheduler.SchedulerInstanceId, cancellationToken);
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
