using Quartz;

namespace Genie.Server.Housekeeping;

/// <summary>The Quartz job of a housekeeping task; one job detail per task, never two passes of one task at once in the cluster.</summary>
[DisallowConcurrentExecution]
public sealed class HousekeepingJob(HousekeepingRunner runner) : IJob
{
    public const string TaskData = "task";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (runner.Find(context.MergedJobDataMap.GetString(TaskData) ?? "") is { } task)
        {
            await runner.RunAsync(task, context.Scheduler.SchedulerInstanceId, cancellationToken);
        }
    }
}
