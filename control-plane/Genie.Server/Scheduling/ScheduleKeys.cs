namespace Genie.Server.Scheduling;

/// <summary>
/// Where a job's schedule lives in Hangfire: one recurring job per scheduled job, its id readable on the
/// dashboard (`schedule team/nightly`); housekeeping's ids start differently, so a full sync never touches them.
/// </summary>
public static class ScheduleKeys
{
    public const string Prefix = "schedule ";

    public static string For(string ns, string job) => $"{Prefix}{ns}/{job}";
}
