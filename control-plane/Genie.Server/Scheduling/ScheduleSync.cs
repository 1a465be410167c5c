using Quartz;

namespace Genie.Server.Scheduling;

/// <summary>
/// Makes the Quartz triggers match the job specs: one cron trigger per scheduled job, created, replaced or
/// removed after each apply and delete, and for all jobs at startup so a change whose hook was missed (a
/// crash between commit and sync) heals. A paused schedule stays paused when its spec changes.
/// </summary>
public sealed class ScheduleSync(ISchedulerFactory schedulers, ScheduleSource source, TimeProvider time, ILogger<ScheduleSync> logger)
{
    /// <summary>
    /// Brings one job's trigger in line with its current version, after its apply or delete committed. A failure
    /// is logged, not thrown: the change itself stands, and the next full sync at startup repairs the trigger.
    /// </summary>
    public async Task SyncJobAfterChangeAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            await SyncJobAsync(ns, name, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The schedule of {Namespace}/{Job} could not be synced; the next start will", ns, name);
        }
    }

    /// <summary>Brings one job's trigger in line with its current version.</summary>
    public async Task SyncJobAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = await source.GetAsync(ns, name, cancellationToken);
        if (job is null)
        {
            await scheduler.UnscheduleJob(ScheduleKeys.For(ns, name), cancellationToken);
            return;
        }

        await ApplyAsync(scheduler, job, cancellationToken);
    }

    /// <summary>Brings every trigger in line: schedules all scheduled jobs, removes triggers of jobs that no longer have one.</summary>
    public async Task SyncAllAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = await source.ListAsync(cancellationToken);
        var wanted = new HashSet<TriggerKey>();
        foreach (var job in jobs)
        {
            wanted.Add(ScheduleKeys.For(job.Namespace, job.Name));
            await ApplyAsync(scheduler, job, cancellationToken);
        }

        var existing = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(ScheduleKeys.TriggerGroup), cancellationToken);
        foreach (var stale in existing.Where(key => !wanted.Contains(key)))
        {
            await scheduler.UnscheduleJob(stale, cancellationToken);
        }
    }

    private async Task ApplyAsync(IScheduler scheduler, ScheduledJob job, CancellationToken cancellationToken)
    {
        var key = ScheduleKeys.For(job.Namespace, job.Name);
        ITrigger trigger;
        try
        {
            trigger = ScheduleTriggers.Build(job, time);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or FormatException)
        {
            // The spec was valid when applied; a zone this machine's tz database lacks must not stop the other schedules.
            logger.LogError(e, "Schedule of {Namespace}/{Job} cannot be built; it will not fire", job.Namespace, job.Name);
            await scheduler.UnscheduleJob(key, cancellationToken);
            return;
        }

        var current = await scheduler.GetTrigger(key, cancellationToken);
        if (current is ICronTrigger cron && ScheduleTriggers.SameSchedule(cron, (ICronTrigger)trigger))
        {
            return;
        }

        var paused = current is not null && await scheduler.GetTriggerState(key, cancellationToken) == TriggerState.Paused;
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions { Replace = true, Paused = paused }, cancellationToken);
        logger.LogInformation("Scheduled {Namespace}/{Job}: {Cron} in {Timezone} (catchUp {CatchUp})",
            job.Namespace, job.Name, job.Schedule.Cron, job.Schedule.Timezone, job.Schedule.CatchUp);
    }
}
