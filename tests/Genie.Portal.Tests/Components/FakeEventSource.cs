using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Genie.Client;
using Genie.Client.Contracts;
using Genie.Portal.Live;

namespace Genie.Portal.Tests.Components;

/// <summary>
/// An event stream the test writes by hand: each stream opened is reported (with its filter and resume id), says it
/// is connected, then yields what the test publishes until the test breaks it or the reader stops.
/// </summary>
public sealed class FakeEventSource : IEventSource
{
    private readonly Channel<Opening> _openings = Channel.CreateUnbounded<Opening>();
    private Channel<GenieEvent> _events = Channel.CreateUnbounded<GenieEvent>();
    private int _open;

    /// <summary>One stream the feed opened: what it asked for.</summary>
    public sealed record Opening(EventStreamFilter Filter, long? LastEventId);

    /// <summary>How many streams are being read right now.</summary>
    public int OpenStreams => Volatile.Read(ref _open);

    public async Task<Opening> NextOpeningAsync() =>
        await _openings.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    public void Publish(GenieEvent e) => _events.Writer.TryWrite(e);

    /// <summary>Fails the open streams as a lost connection the client gave up on would; streams opened later work again.</summary>
    public void Break() =>
        Interlocked.Exchange(ref _events, Channel.CreateUnbounded<GenieEvent>()).Writer.TryComplete(new HttpRequestException("The server went away."));

    public async IAsyncEnumerable<GenieEvent> ReadAsync(
        EventStreamFilter filter, long? lastEventId, Action connected, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = Volatile.Read(ref _events);
        Interlocked.Increment(ref _open);
        try
        {
            _openings.Writer.TryWrite(new Opening(filter, lastEventId));
            connected();
            await foreach (var e in events.Reader.ReadAllAsync(cancellationToken))
            {
                yield return e;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    /// <summary>A run's state change with id <paramref name="id"/>.</summary>
    public static GenieEvent RunMoved(long id, string runId) =>
        new(id, "run.state_changed", new EventAggregate("run", runId), DateTimeOffset.UnixEpoch, "executor", 1,
            JsonSerializer.SerializeToElement(new { from = "queued", to = "running" }));
}
