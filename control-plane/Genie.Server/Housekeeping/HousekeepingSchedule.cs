using Microsoft.Extensions.Options;
using Quartz;

namespace Genie.Server.Housekeeping;

/// <summary>Registers each housekeeping task as a durable Quartz job with an interval trigger; a changed interval replaces the trigger.</summary>
public sealed class HousekeepingSchedule(HousekeepingRunner runner, IOptions<HousekeepingOptions> options, TimeProvider time)
{
    public const string Group = "genie-housekeeping";

    public static JobKey JobOf(string task) => new(task, Group);

    public static TriggerKey TriggerOf(string task) => new(task, Group);

    public async Task RegisterAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        foreach (var task in runner.Tasks)
        {
            var interval = task.Interval ?? options.Value.Interval;
            var job = JobBuilder.Create<HousekeepingJob>()
                .WithIdentity(JobOf(task.Name))
                .WithDescription(task.Description)
                .UsingJobData(HousekeepingJob.TaskData, task.Name)
                .StoreDurably()
                .Build();
            await scheduler.AddJob(job, new AddJobOptions { Replace = true }, cancellationToken);

            var current = await scheduler.GetTrigger(TriggerOf(task.Name), cancellationToken) as ISimpleTrigger;
            if (current?.RepeatInterval == interval)
            {
                continue;
            }

            var trigger = TriggerBuilder.Create(time)
                .WithIdentity(TriggerOf(task.Name))
                .ForJob(JobOf(task.Name))
                .StartAt(time.GetUtcNow() + interval)
                .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                .Build();
            await scheduler.ScheduleJob(trigger, new ScheduleJobOptions { Replace = true }, cancellationToken);
        }
    }
}
