namespace Genie.Client;

/// <summary>
/// How long a stream waits before it reconnects: the first delay after a connection that worked, doubling with each
/// attempt in a row that fails up to a ceiling, so the clients of a server that went away do not hammer it while it
/// comes back.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan first, TimeSpan ceiling)
{
    private TimeSpan _first = first;
    private TimeSpan _next = first;

    /// <summary>The delay to wait now; the one after it is twice as long, up to the ceiling.</summary>
    public TimeSpan Next()
    {
        var now = _next;
        _next = TimeSpan.FromTicks(Math.Min(now.Ticks * 2, Math.Max(ceiling.Ticks, _first.Ticks)));
        return now;
    }

    /// <summary>After a connection that worked: start again from <paramref name="first"/> (the server's own interval when it named one).</summary>
    public void Reset(TimeSpan? first = null)
    {
        _first = first ?? _first;
        _next = _first;
    }
}
