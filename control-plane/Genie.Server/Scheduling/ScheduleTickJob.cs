using Quartz;

namespace Genie.Server.Scheduling;

/// <summary>The Quartz job every schedule trigger fires; the job it is for travels in the trigger's data.</summary>
public sealed class ScheduleTickJob(ScheduleTick tick) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        await tick.FireAsync(data.GetString(ScheduleKeys.NamespaceData)!, data.GetString(ScheduleKeys.JobData)!, scheduled, cancellationToken);
    }
}
