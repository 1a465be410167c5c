using System.Text;
using Genie.Server.Api;
using Genie.Server.Store;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Genie.Server.Events;

/// <summary>
/// Writes one client's stream: the events after <see cref="After"/> (null: from now) read from the table, then, when
/// following, the live events the hub queues for it, each once and in stream order, with heartbeats while idle. A
/// client whose queue overflows gets `event: overflow` and the stream ends.
/// </summary>
public sealed class EventStreamResponse(EventFilter filter, EventPosition? after, bool follow) : IResult
{
    private const int PageSize = 500;

    public EventPosition? After { get; } = after;

    public async Task ExecuteAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var hub = services.GetRequiredService<EventHub>();
        var store = services.GetRequiredService<EventStreamStore>();
        var options = services.GetRequiredService<IOptions<EventStreamOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var cancellationToken = context.RequestAborted;
        using var cut = EndlessResponse.CutOnShutdown(context);

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        // nginx and similar proxies would otherwise hold events back to fill their buffers.
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var output = context.Response.BodyWriter;

        try
        {
            // Subscribe before reading the table: whatever commits from here on is either read below or queued.
            using var subscription = follow ? hub.Subscribe(filter) : null;
            var position = After ?? await store.HeadAsync(cancellationToken);
            await output.WriteAsync(Encoding.ASCII.GetBytes(ServerSentEventText.Opening), cancellationToken);

            long? lastId = null;
            IReadOnlyList<StoredEvent> page;
            do
            {
                page = await store.ReadAfterAsync(position, filter.ToQuery(), PageSize, cancellationToken);
                foreach (var e in page.TakeWhile(e => e.Settled))
                {
                    ServerSentEventText.Write(output, e);
                    position = e.Position;
                    lastId = e.Id;
                }

                await output.FlushAsync(cancellationToken);
            }
            while (page.Count == PageSize && page[^1].Settled);

            if (subscription is null)
            {
                return;
            }

            while (true)
            {
                using var beat = new CancellationTokenSource(options.Heartbeat, time);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, beat.Token);
                bool more;
                try
                {
                    more = await subscription.Events.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await output.WriteAsync(Encoding.ASCII.GetBytes(ServerSentEventText.Heartbeat), cancellationToken);
                    continue;
                }

                if (!more)
                {
                    break;
                }

                while (subscription.Events.TryRead(out var e))
                {
                    // Events the table read above already delivered come again here; the position tells them apart.
                    if (e.Position > position)
                    {
                        ServerSentEventText.Write(output, e);
                        position = e.Position;
                        lastId = e.Id;
                    }
                }

                await output.FlushAsync(cancellationToken);
            }

            if (subscription.Overflowed)
            {
                await output.WriteAsync(Encoding.ASCII.GetBytes(ServerSentEventText.Overflow(lastId)), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away: the stream is over, nothing to report.
        }
    }
}
