namespace Genie.Server.Store;

/// <summary>The committed events a relay has not published yet, and when the oldest of them happened (null with none).</summary>
public sealed record RelayBacklog(long Count, DateTimeOffset? OldestOccurredAt)
{
    public static RelayBacklog None { get; } = new(0, null);
}
