namespace Genie.Server.Notifications;

/// <summary>
/// The wait before a delivery's next attempt: exponential from the first delay, capped, with "equal jitter" (half
/// fixed, half random) so receivers that came back are not hit by every replica's retries in one instant.
/// </summary>
public static class RetryDelay
{
    public static TimeSpan After(int attempt, NotificationOptions options, Random random)
    {
        var exponential = options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped / 2 + random.NextDouble() * capped / 2);
    }
}
