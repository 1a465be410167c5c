using Genie.Server.Store;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;

namespace Genie.Server.Scheduling;

/// <summary>
/// Makes Hangfire's recurring jobs match the job specs: one per scheduled job that is not paused, created,
/// replaced or removed after each apply, delete, pause and resume, and for all jobs at startup so a change
/// whose sync was missed (a crash between commit and sync) heals. The pause lives in Genie's own table, so a
/// paused schedule stays paused when its spec changes and across restarts.
/// </summary>
public sealed class ScheduleSync(
    IRecurringJobManagerV2 recurringJobs,
    JobStorage storage,
    ScheduleSource source,
    SchedulePauseStore pauses,
    ILogger<ScheduleSync> logger)
{
    /// <summary>
    /// How missed ticks are handled: <c>catchUp: false</c> fires once as soon as possible for all of them
    /// (Relaxed), <c>catchUp: true</c> fires each of them with its own time (Strict), which the tick bounds
    /// by <see cref="SchedulingOptions.CatchUpWindow"/>.
    /// </summary>
    public static MisfireHandlingMode MisfireOf(bool catchUp) => catchUp ? MisfireHandlingMode.Strict : MisfireHandlingMode.Relaxed;

    /// <summary>
    /// Brings one job's recurring job in line with its current version, after its apply or delete committed. A
    /// failure is logged, not thrown: the change itself stands, and the next full sync at startup repairs it.
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

    /// <summary>Brings one job's recurring job in line with its current version and pause.</summary>
    public async Task SyncJobAsync(string ns, string name, CancellationToken cancellationToken)
    {
        var job = await source.GetAsync(ns, name, cancellationToken);
        if (job is null)
        {
            // A pause belongs to the schedule: one that is removed (or whose job is deleted) comes back unpaused.
            await pauses.ClearAsync(ns, name, cancellationToken);
            recurringJobs.RemoveIfExists(ScheduleKeys.For(ns, name));
            return;
        }

        Apply(job, await pauses.IsPausedAsync(ns, name, cancellationToken));
    }

    /// <summary>Brings every recurring job in line: schedules all scheduled jobs, removes those of jobs that no longer have one.</summary>
    public async Task SyncAllAsync(CancellationToken cancellationToken)
    {
        var jobs = await source.ListAsync(cancellationToken);
        var paused = await pauses.ListAsync(cancellationToken);
        var wanted = new HashSet<string>();
        foreach (var job in jobs)
        {
            wanted.Add(ScheduleKeys.For(job.Namespace, job.Name));
            Apply(job, paused.Contains($"{job.Namespace}/{job.Name}"));
        }

        using var connection = storage.GetConnection();
        var stale = connection.GetRecurringJobs()
            .Select(r => r.Id)
            .Where(id => id.StartsWith(ScheduleKeys.Prefix, StringComparison.Ordinal) && !wanted.Contains(id));
        foreach (var id in stale)
        {
            recurringJobs.RemoveIfExists(id);
        }
    }

    /// <summary>The recurring job of a schedule, or null when it has none (paused, or it could not be created).</summary>
    public RecurringJobDto? Find(string ns, string name)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([ScheduleKeys.For(ns, name)]).SingleOrDefault(r => !r.Removed);
    }

    private void Apply(ScheduledJob job, bool paused)
    {
        var id = ScheduleKeys.For(job.Namespace, job.Name);
        if (paused)
        {
            recurringJobs.RemoveIfExists(id);
            return;
        }

        var schedule = job.Schedule;
        try
        {
            // An unchanged schedule is left as it is: Hangfire only writes the fields that differ, so its last
            // and next execution stand and a sync never makes a tick fire twice or not at all.
            recurringJobs.AddOrUpdate(id,
                Job.FromExpression<ScheduleTickJob>(tick => tick.FireAsync(job.Namespace, job.Name, null, CancellationToken.None)),
                schedule.Cron.Expression,
                new RecurringJobOptions { TimeZone = CronFireTimes.Zone(schedule.Timezone), MisfireHandling = MisfireOf(schedule.CatchUp) });
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            // The spec was valid when applied; a zone this machine's tz database lacks must not stop the other schedules.
            logger.LogError(e, "Schedule of {Namespace}/{Job} cannot be built; it will not fire", job.Namespace, job.Name);
            recurringJobs.RemoveIfExists(id);
        }
    }
}
