using Genie.Server.Housekeeping;
using Microsoft.Extensions.Options;
using Quartz;

namespace Genie.Server.Scheduling;

/// <summary>
/// Starts Quartz once the database is up (hosted through AfterDatabase): registers the tick job and the
/// housekeeping jobs, brings every schedule in line with the specs, then starts firing. With scheduling
/// disabled the scheduler stays in standby: this replica still manages schedules through the API but
/// fires nothing, leaving that to the others in the cluster.
/// </summary>
public sealed class SchedulerHost(
    ISchedulerFactory schedulers,
    ScheduleSync sync,
    HousekeepingSchedule housekeeping,
    IOptions<SchedulingOptions> options,
    ILogger<SchedulerHost> logger) : IHostedService
{
    private IScheduler? _scheduler;
    private readonly Lock _gate = new();
    private Task? _stopped;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _scheduler = await schedulers.GetScheduler(cancellationToken);
        var tickJob = JobBuilder.Create<ScheduleTickJob>()
            .WithIdentity(ScheduleKeys.TickJob)
            .WithDescription("Triggers a run for a job's cron tick")
            .StoreDurably()
            .RequestRecovery()
            .Build();
        await _scheduler.AddJob(tickJob, new AddJobOptions { Replace = true }, cancellationToken);
        await housekeeping.RegisterAsync(_scheduler, cancellationToken);
        await sync.SyncAllAsync(cancellationToken);
        if (options.Value.Enabled)
        {
            await _scheduler.Start(cancellationToken);
            logger.LogInformation("Scheduler {Instance} started", await _scheduler.GetSchedulerInstanceId(cancellationToken));
        }
    }

    /// <summary>
    /// Shuts the scheduler down once, however often it is asked: the host can stop its services twice (the
    /// stopping caller and the app's own run loop), and a second caller returning early would let the container
    /// and the data source be disposed under jobs still finishing.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // A tick in flight finishes its transaction; one cut short would be recovered by another replica anyway.
            _stopped ??= _scheduler?.Shutdown(true, CancellationToken.None).AsTask() ?? Task.CompletedTask;
        }

        return _stopped.WaitAsync(cancellationToken);
    }
}
