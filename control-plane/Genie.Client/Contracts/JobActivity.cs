namespace Genie.Client.Contracts;

/// <summary>
/// What a job has been doing, as job listings carry it: its latest run, how many of its last
/// <see cref="RecentWindow"/> finished runs succeeded, and its schedule (null for a job that runs only when triggered).
/// </summary>
public sealed record JobActivity(JobLastRun? LastRun, int RecentFinished, int RecentSucceeded, JobScheduleSummary? Schedule)
{
    /// <summary>How many of the latest finished runs the success figures count.</summary>
    public const int RecentWindow = 20;
}
