using System.Text;
using Genie.Server.Api;
using Genie.Server.Store;
using Microsoft.AspNetCore.Http.Features;

namespace Genie.Server.Events;

/// <summary>
/// Writes one client's <see cref="EventFeed"/> as server-sent events: from after <see cref="After"/> (null: from now),
/// with heartbeats while idle. A client whose queue overflows gets `event: overflow` and the stream ends.
/// </summary>
public sealed class EventStreamResponse(EventFilter filter, EventPosition? after, bool follow) : IResult
{
    public EventPosition? After { get; } = after;

    public async Task ExecuteAsync(HttpContext context)
    {
        var feed = context.RequestServices.GetRequiredService<EventFeed>();
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
            long? lastId = null;
            await foreach (var step in feed.ReadAsync(filter, After, follow, cancellationToken))
            {
                switch (step.Kind)
                {
                    case EventFeedStepKind.Subscribed:
                        await output.WriteAsync(Encoding.ASCII.GetBytes(ServerSentEventText.Opening), cancellationToken);
                        break;
                    case EventFeedStepKind.Events:
                        foreach (var e in step.Events)
                        {
                            ServerSentEventText.Write(output, e);
                            lastId = e.Id;
                        }

                        await output.FlushAsync(cancellationToken);
                        break;
                    case EventFeedStepKind.Idle:
                        await output.WriteAsync(Encoding.ASCII.GetBytes(ServerSentEventText.Heartbeat), cancellationToken);
                        break;
                    case EventFeedStepKind.Overflow:
                        await output.WriteAsync(Encoding.ASCII.GetBytes(ServerSentEventText.Overflow(lastId)), cancellationToken);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away: the stream is over, nothing to report.
        }
    }
}
