namespace Genie.Server.Events;

/// <summary>Settings of the live event stream (`Genie:Events`).</summary>
public sealed class EventStreamOptions
{
    public const string Section = "Genie:Events";

    /// <summary>Events waiting for one slow client; past it the client is dropped with `event: overflow` and reconnects.</summary>
    public int SubscriberBuffer { get; set; } = 1024;

    /// <summary>How often an idle stream sends a comment, so proxies and clients do not take it for dead.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long the listener waits for a notification before it reads the table anyway: a notification cannot be lost
    /// on a live connection, but this read is also how a connection that died quietly is noticed.
    /// </summary>
    public TimeSpan IdleRead { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How soon the listener reads again when an event is held back behind an older transaction still running: that
    /// transaction's end sends no notification unless it wrote events itself.
    /// </summary>
    public TimeSpan HeldBackRead { get; set; } = TimeSpan.FromMilliseconds(5);
}
