namespace Genie.Server.Housekeeping;

/// <summary>What housekeeping keeps and how often it runs (section `Genie:Housekeeping`).</summary>
public sealed class HousekeepingOptions
{
    public const string Section = "Genie:Housekeeping";

    /// <summary>How often each housekeeping job runs (on one replica of the cluster).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Finished runs older than this (by finish time) are deleted with their tasks, attempts and logs.</summary>
    public TimeSpan RunRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Events in the outbox older than this are deleted.</summary>
    public TimeSpan EventRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A running run with no task running and no change for this long is stuck.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Whether stuck runs are failed (with the reason) or only reported.</summary>
    public bool FailStuckRuns { get; set; }

    /// <summary>Rows deleted per statement, so one pass never holds long locks.</summary>
    public int BatchSize { get; set; } = 500;
}
