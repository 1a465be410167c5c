namespace Genie.Core.Specs;

/// <summary>The effective retry settings of a task after inheritance and defaults.</summary>
public sealed record RetryPolicy(int Limit, BackoffKind Backoff, TimeSpan Delay, TimeSpan? MaxDelay)
{
    /// <summary>The wait before the first retry when nothing says otherwise.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(10);

    /// <summary>Combines a task's retry with the job's: the task's fields win; limit 0, fixed backoff and a 10s delay fill the gaps.</summary>
    public static RetryPolicy Resolve(RetrySpec? job, RetrySpec? task) => new(
        task?.Limit ?? job?.Limit ?? 0,
        task?.Backoff ?? job?.Backoff ?? BackoffKind.Fixed,
        task?.Delay ?? job?.Delay ?? DefaultDelay,
        task?.MaxDelay ?? job?.MaxDelay);

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan DelayBefore(int retry)
    {
        if (Backoff == BackoffKind.Fixed || retry <= 1)
        {
            return Delay;
        }

        // Doubling is capped well before TimeSpan overflows; maxDelay caps it further when given.
        var factor = Math.Pow(2, Math.Min(retry - 1, 30));
        var ticks = Math.Min(Delay.Ticks * factor, TimeSpan.FromDays(30).Ticks);
        var delay = TimeSpan.FromTicks((long)ticks);
        return MaxDelay is { } max && delay > max ? max : delay;
    }
}
