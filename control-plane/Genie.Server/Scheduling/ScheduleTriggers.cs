using Quartz;

namespace Genie.Server.Scheduling;

/// <summary>
/// The Quartz cron trigger of a schedule. Misfires (ticks missed while no replica was up) follow
/// <c>catchUp</c>: false fires once as soon as possible and then resumes the cron; true fires every missed
/// tick, which the tick job bounds by <see cref="SchedulingOptions.CatchUpWindow"/>.
/// </summary>
public static class ScheduleTriggers
{
    public static ITrigger Build(ScheduledJob job, TimeProvider time)
    {
        var schedule = job.Schedule;
        var cron = CronScheduleBuilder.Create(schedule.Cron.ToQuartz())
            .InTimeZone(CronFireTimes.Zone(schedule.Timezone))
            .WithMisfireInstruction(MisfireOf(schedule.CatchUp));
        return TriggerBuilder.Create(time)
            .WithIdentity(ScheduleKeys.For(job.Namespace, job.Name))
            .ForJob(ScheduleKeys.TickJob)
            .UsingJobData(ScheduleKeys.NamespaceData, job.Namespace)
            .UsingJobData(ScheduleKeys.JobData, job.Name)
            .WithDescription($"{schedule.Cron} ({schedule.Timezone})")
            .WithSchedule(cron)
            .StartAt(time.GetUtcNow())
            .Build();
    }

    public static CronTriggerMisfireInstruction MisfireOf(bool catchUp) =>
        catchUp ? CronTriggerMisfireInstruction.IgnoreMisfires : CronTriggerMisfireInstruction.FireAndProceed;

    /// <summary>Whether two triggers fire at the same times with the same misfire policy, so replacing one with the other would only lose its state.</summary>
    public static bool SameSchedule(ICronTrigger current, ICronTrigger wanted) =>
        current.CronExpressionString == wanted.CronExpressionString
        && current.TimeZone.Id == wanted.TimeZone.Id
        && current.MisfireInstruction == wanted.MisfireInstruction;
}
