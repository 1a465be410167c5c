using Quartz;

namespace Genie.Server.Scheduling;

/// <summary>Where a job's schedule lives in Quartz: one trigger per scheduled job, all firing the one tick job.</summary>
public static class ScheduleKeys
{
    /// <summary>The trigger group of job schedules; housekeeping has its own group, so a full sync never touches it.</summary>
    public const string TriggerGroup = "genie-schedules";

    public const string NamespaceData = "namespace";
    public const string JobData = "job";

    /// <summary>The one durable Quartz job every schedule trigger fires.</summary>
    public static readonly JobKey TickJob = new("schedule-tick", "genie");

    public static TriggerKey For(string ns, string job) => new($"{ns}/{job}", TriggerGroup);
}
