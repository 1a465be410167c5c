using Genie.Core.Scheduling;

namespace Genie.Core.Specs;

/// <summary>
/// A cron schedule in an IANA time zone. <see cref="CatchUp"/> decides whether ticks missed while
/// the scheduler was down are run afterwards.
/// </summary>
public sealed record ScheduleSpec(CronSchedule Cron, string Timezone, bool CatchUp)
{
    /// <summary>The zone used when the document names none.</summary>
    public const string DefaultTimezone = "UTC";
}
