namespace Genie.Core.Specs;

/// <summary>
/// Limits active runs. With a <see cref="Key"/> the limit counts the active runs of every job that
/// shares the key, otherwise the active runs of this job.
/// </summary>
public sealed record ConcurrencySpec(int MaxActiveRuns, ConflictPolicy OnConflict, string? Key)
{
    /// <summary>The largest <see cref="MaxActiveRuns"/> a spec may ask for.</summary>
    public const int MaxActiveRunsLimit = 1000;
}

/// <summary>What a new run does when the concurrency limit is reached.</summary>
public enum ConflictPolicy
{
    /// <summary>Wait until a slot is free.</summary>
    Queue,

    /// <summary>Record the new run as skipped.</summary>
    Skip,

    /// <summary>Cancel the active runs and start the new one.</summary>
    CancelRunning,

    /// <summary>Run side by side, ignoring the limit.</summary>
    Allow,
}
