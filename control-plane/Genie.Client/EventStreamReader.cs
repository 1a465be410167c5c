using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Genie.Client.Contracts;
using Genie.Client.Resources;

namespace Genie.Client;

/// <summary>
/// Reads the event stream as server-sent events and keeps it going: when the connection drops, the server answers
/// 5xx, or it ends the stream (a client that fell behind gets `event: overflow`), it reconnects with the last id it
/// saw as `Last-Event-ID`, so every event comes once and in order. A 4xx answer is final and thrown. While the
/// server cannot be reached, the wait between attempts doubles from its retry interval up to
/// <see cref="MaxReconnectDelay"/>.
/// </summary>
public static class EventStreamReader
{
    /// <summary>The longest wait between two attempts to reach a server that went away.</summary>
    public static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(10);

    private const string OverflowType = "overflow";
    private static readonly TimeSpan DefaultReconnectDelay = TimeSpan.FromSeconds(1);

    public static IAsyncEnumerable<GenieEvent> ReadAsync(
        IEventsApi api, EventStreamFilter? filter, long? lastEventId, CancellationToken cancellationToken) =>
        ReadAsync(api, filter, lastEventId, connected: null, cancellationToken);

    /// <summary>
    /// As the other overload; <paramref name="connected"/> is called each time a stream opens, before its events: from
    /// then on nothing that commits is missed, so a reader that loaded state before can read it once more and be whole.
    /// </summary>
    public static async IAsyncEnumerable<GenieEvent> ReadAsync(
        IEventsApi api, EventStreamFilter? filter, long? lastEventId, Action? connected,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var backoff = new ReconnectBackoff(DefaultReconnectDelay, MaxReconnectDelay);
        while (true)
        {
            var overflowed = false;
            var connection = await ConnectAsync(api, filter, lastEventId, cancellationToken);
            if (connection is { } response)
            {
                using (response)
                {
                    backoff.Reset();
                    connected?.Invoke();
                    var items = SseParser.Create(await response.Content.ReadAsStreamAsync(cancellationToken), (_, data) => data.ToArray());
                    await using var enumerator = items.EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
                    while (await MoveNextAsync(enumerator, cancellationToken))
                    {
                        backoff.Reset(items.ReconnectionInterval > TimeSpan.Zero ? items.ReconnectionInterval : DefaultReconnectDelay);
                        var item = enumerator.Current;
                        if (item.EventType == OverflowType)
                        {
                            overflowed = true;
                            break;
                        }

                        var e = JsonSerializer.Deserialize<GenieEvent>(item.Data, GenieJson.Options)!;
                        lastEventId = item.EventId is { } id ? long.Parse(id, CultureInfo.InvariantCulture) : e.Id;
                        yield return e;
                    }
                }
            }

            // A client dropped for falling behind reads on at once; after a lost connection the server's delay applies,
            // growing while the server stays out of reach.
            if (!overflowed)
            {
                await Task.Delay(backoff.Next(), cancellationToken);
            }
        }
    }

    /// <summary>
    /// The events that exist now (`follow=false`), oldest first, at most <paramref name="limit"/> of them: a history to
    /// show, not a stream to follow. A refusal or a server that cannot be reached is thrown.
    /// </summary>
    public static async Task<IReadOnlyList<GenieEvent>> ReadSettledAsync(
        IEventsApi api, EventStreamFilter filter, int limit, CancellationToken cancellationToken)
    {
        // After event 0: from the first event kept, where a stream without a position would start at the end.
        using var response = await api.StreamAsync(filter, lastEventId: "0", follow: false, cancellationToken: cancellationToken);
        if (await GenieApiException.FromResponseAsync(response, cancellationToken) is { } error)
        {
            throw error;
        }

        var events = new List<GenieEvent>();
        var items = SseParser.Create(await response.Content.ReadAsStreamAsync(cancellationToken), (_, data) => data.ToArray());
        await foreach (var item in items.EnumerateAsync(cancellationToken))
        {
            if (item.EventType == OverflowType || events.Count == limit)
            {
                break;
            }

            events.Add(JsonSerializer.Deserialize<GenieEvent>(item.Data, GenieJson.Options)!);
        }

        return events;
    }

    /// <summary>The open stream, or null when it could not be opened for a reason that passes (network, 5xx).</summary>
    private static async Task<HttpResponseMessage?> ConnectAsync(
        IEventsApi api, EventStreamFilter? filter, long? lastEventId, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await api.StreamAsync(filter, lastEventId?.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }

        if ((int)response.StatusCode >= 500)
        {
            response.Dispose();
            return null;
        }

        if (await GenieApiException.FromResponseAsync(response, cancellationToken) is { } error)
        {
            response.Dispose();
            throw error;
        }

        return response;
    }

    // A connection that breaks mid-stream surfaces as an IOException (or HttpRequestException) from the read: the stream ended.
    private static async Task<bool> MoveNextAsync(IAsyncEnumerator<SseItem<byte[]>> enumerator, CancellationToken cancellationToken)
    {
        try
        {
            return await enumerator.MoveNextAsync();
        }
        catch (Exception e) when (e is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
