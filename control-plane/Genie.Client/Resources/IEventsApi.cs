using Refit;

namespace Genie.Client.Resources;

/// <summary>The event stream under `/api/v1`: server-sent events, read by <see cref="GenieClient.StreamEventsAsync"/>.</summary>
public interface IEventsApi
{
    /// <summary>The open stream; an <see cref="HttpResponseMessage"/> return keeps Refit from buffering the endless body.</summary>
    [Get("/api/v1/events")]
    Task<HttpResponseMessage> StreamAsync(
        [Query] EventStreamFilter? filter = null, [Header("Last-Event-ID")] string? lastEventId = null, bool? follow = null,
        CancellationToken cancellationToken = default);
}
