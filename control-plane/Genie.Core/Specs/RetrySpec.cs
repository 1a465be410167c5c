namespace Genie.Core.Specs;

/// <summary>
/// Retry settings as written. A task's retry overrides the job's field by field; use
/// <see cref="RetryPolicy.Resolve"/> for the effective values.
/// </summary>
public sealed record RetrySpec(int? Limit, BackoffKind? Backoff, TimeSpan? Delay, TimeSpan? MaxDelay)
{
    /// <summary>The most retries a spec may ask for.</summary>
    public const int MaxLimit = 100;
}

/// <summary>How the wait between attempts grows.</summary>
public enum BackoffKind
{
    /// <summary>Always wait <c>delay</c>.</summary>
    Fixed,

    /// <summary>Wait <c>delay</c>, doubling after every attempt, capped by <c>maxDelay</c>.</summary>
    Exponential,
}
