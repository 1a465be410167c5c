namespace Genie.Server.Housekeeping;

/// <summary>One housekeeping job: a name for the API and Hangfire, and one pass that says what it did.</summary>
public interface IHousekeepingTask
{
    string Name { get; }

    string Description { get; }

    /// <summary>How often the task runs (as <see cref="IntervalCron"/> rounds it); null for the shared <see cref="HousekeepingOptions.Interval"/>.</summary>
    TimeSpan? Interval => null;

    /// <summary>Does one pass and returns a one-line account of it, shown as the last outcome.</summary>
    Task<string> RunAsync(CancellationToken cancellationToken);
}
