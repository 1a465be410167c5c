using Genie.Client;
using Genie.Client.Contracts;
using Genie.Portal.Session;

namespace Genie.Portal.Live;

/// <summary>
/// The server's `GET /api/v1/events` read through Genie.Client with the signed-in caller's credential, so the stream
/// carries only what that caller may see; the client reconnects and resumes by itself while the server is away.
/// </summary>
public sealed class GenieEventSource(PortalSession session) : IEventSource
{
    public IAsyncEnumerable<GenieEvent> ReadAsync(EventStreamFilter filter, long? lastEventId, Action connected, CancellationToken cancellationToken) =>
        session.Genie.StreamEventsAsync(filter, lastEventId, connected, cancellationToken);
}
