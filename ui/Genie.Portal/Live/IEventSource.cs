using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Portal.Live;

/// <summary>Where a circuit's live events come from: the server's event stream as the signed-in caller (a fake in component tests).</summary>
public interface IEventSource
{
    /// <summary>
    /// The events matching <paramref name="filter"/> after <paramref name="lastEventId"/> (null: from now), calling
    /// <paramref name="connected"/> whenever the stream (re)opens, before the events that follow.
    /// </summary>
    IAsyncEnumerable<GenieEvent> ReadAsync(EventStreamFilter filter, long? lastEventId, Action connected, CancellationToken cancellationToken);
}
