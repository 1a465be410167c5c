using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Genie.Server.Tests.Events;

/// <summary>
/// One raw connection to `GET /api/v1/events`. Opening returns once the server sent the stream's first bytes, which it
/// does after subscribing, so whatever commits afterwards reaches this probe.
/// </summary>
public sealed class EventStreamProbe : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _items;

    private EventStreamProbe(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> items)
    {
        _response = response;
        _items = items;
    }

    public static async Task<EventStreamProbe> OpenAsync(HttpClient http, string query = "", string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events" + query);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var stream = await response.Content.ReadAsStreamAsync();
        return new EventStreamProbe(response, SseParser.Create(stream).EnumerateAsync().GetAsyncEnumerator());
    }

    /// <summary>The next item, or null when the server ended the stream.</summary>
    public async Task<SseItem<string>?> NextAsync()
    {
        var more = await _items.MoveNextAsync().AsTask().WaitAsync(Patience);
        return more ? _items.Current : null;
    }

    /// <summary>Items until one satisfies <paramref name="last"/> (included).</summary>
    public async Task<List<SseItem<string>>> UntilAsync(Func<SseItem<string>, bool> last)
    {
        var items = new List<SseItem<string>>();
        while (await NextAsync() is { } item)
        {
            items.Add(item);
            if (last(item))
            {
                return items;
            }
        }

        throw new InvalidOperationException($"The stream ended after {items.Count} items without the one awaited.");
    }

    /// <summary>Every item until the server ends the stream.</summary>
    public async Task<List<SseItem<string>>> ToEndAsync()
    {
        var items = new List<SseItem<string>>();
        while (await NextAsync() is { } item)
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>The event's data as JSON (the envelope with its payload).</summary>
    public static JsonElement Data(SseItem<string> item) => JsonDocument.Parse(item.Data).RootElement;

    public async ValueTask DisposeAsync()
    {
        await _items.DisposeAsync();
        _response.Dispose();
    }
}
