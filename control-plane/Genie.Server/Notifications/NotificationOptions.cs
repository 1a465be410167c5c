namespace Genie.Server.Notifications;

/// <summary>How webhook deliveries are sent and retried (section `Genie:Notifications`).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Genie:Notifications";

    /// <summary>Attempts per delivery before it is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the second attempt; each later wait doubles, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>One POST's timeout; a receiver slower than this counts as a failed attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the sender looks for due deliveries when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A signature older than this is refused by the receivers Genie documents; it is also what they should allow for clock skew.</summary>
    public static readonly TimeSpan SignatureTolerance = TimeSpan.FromMinutes(5);
}
