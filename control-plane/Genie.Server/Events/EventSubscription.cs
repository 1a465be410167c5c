using System.Threading.Channels;
using Genie.Server.Store;

namespace Genie.Server.Events;

/// <summary>
/// One client's place in the server's fan-out: a bounded queue of the live events its filter matches. A client that
/// does not keep up fills it and is dropped (<see cref="Overflowed"/>) instead of growing the server's memory.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private readonly Channel<StoredEvent> _queue;
    private readonly Action<EventSubscription> _unsubscribe;
    private volatile bool _overflowed;

    internal EventSubscription(EventFilter filter, int capacity, Action<EventSubscription> unsubscribe)
    {
        Filter = filter;
        _unsubscribe = unsubscribe;
        _queue = Channel.CreateBounded<StoredEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
    }

    public EventFilter Filter { get; }

    /// <summary>The queue filled up: the client missed events and must reconnect from its last id.</summary>
    public bool Overflowed => _overflowed;

    public ChannelReader<StoredEvent> Events => _queue.Reader;

    /// <summary>Queues <paramref name="e"/> when the filter matches; on a full queue ends the subscription as overflowed.</summary>
    internal void Offer(StoredEvent e)
    {
        if (!Filter.Matches(e) || _overflowed || _queue.Writer.TryWrite(e))
        {
            return;
        }

        _overflowed = true;
        _queue.Writer.TryComplete();
        _unsubscribe(this);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _unsubscribe(this);
    }
}
