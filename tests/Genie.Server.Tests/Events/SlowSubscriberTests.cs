using Genie.Client;
using Genie.Core.Events;
using Genie.Server.Store;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Events;

/// <summary>
/// A client that does not read is dropped with `event: overflow` once its small queue fills; others carry on, and the
/// client resumes whole. The server runs with a small queue and a quick heartbeat.
/// </summary>
public sealed class SlowSubscriberTests : IAsyncLifetime
{
    private const int Flood = 3000;
    private readonly GenieApp _app = new GenieApp().With("Genie:Events:SubscriberBuffer", "8").With("Genie:Events:Heartbeat", "00:00:00.200");

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_client_that_stops_reading_is_dropped_with_overflow_and_the_server_carries_on()
    {
        await using var stalled = await EventStreamProbe.OpenAsync(_app.CreateClient(), "?namespace=flood");
        await FloodAsync("flood");

        // The flood is far more than the queue and the connection's buffers hold, so the stream ends with the overflow.
        var items = await stalled.ToEndAsync();
        items[^1].EventType.ShouldBe("overflow");
        var delivered = items.SkipLast(1).ToList();
        delivered.Count.ShouldBeLessThan(Flood);
        var lastId = EventStreamProbe.Data(items[^1]).GetProperty("lastEventId").GetInt64();
        lastId.ShouldBe(long.Parse(delivered[^1].EventId!));

        // Nothing else suffered: a new stream reads every event from the table, and live events still flow.
        await using var all = await EventStreamProbe.OpenAsync(_app.CreateClient(), "?namespace=flood&since=0&follow=false");
        (await all.ToEndAsync()).Count.ShouldBe(Flood);
        await using var live = await EventStreamProbe.OpenAsync(_app.CreateClient(), "?namespace=flood");
        await AppendAsync([PendingEvent.Of(DateTimeOffset.UtcNow, new JobApplied("flood", "after", 1, "h", "created", "test"))]);
        (await live.NextAsync())!.Value.EventType.ShouldBe("job.applied");
    }

    [Fact]
    public async Task The_client_reconnects_after_an_overflow_and_misses_nothing()
    {
        var client = _app.CreateGenieClient();
        await AppendAsync([Padded("resume-flood", -1)]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var ids = new List<long>();
        await foreach (var e in client.StreamEventsAsync(new EventStreamFilter("resume-flood"), lastEventId: 0, timeout.Token))
        {
            if (ids.Count == 0)
            {
                // Stop reading while the flood commits: the server drops this stream and the client resumes after its last id.
                await FloodAsync("resume-flood");
            }

            ids.Add(e.Id);
            if (ids.Count == Flood + 1)
            {
                break;
            }
        }

        ids.ShouldBe(ids.Distinct().ToList());
        await using var all = await EventStreamProbe.OpenAsync(_app.CreateClient(), "?namespace=resume-flood&since=0&follow=false");
        ids.ShouldBe((await all.ToEndAsync()).Select(i => long.Parse(i.EventId!)));
    }

    [Fact]
    public async Task An_idle_stream_gets_heartbeat_comments()
    {
        using var response = await _app.CreateClient().GetAsync("/api/v1/events?namespace=quiet", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = new List<string>();
        while (lines.Count(l => l == ": heartbeat") < 2)
        {
            lines.Add((await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)))!);
        }

        lines.ShouldNotContain(l => l.StartsWith("data:", StringComparison.Ordinal));
    }

    private Task FloodAsync(string ns) => AppendAsync(Enumerable.Range(0, Flood).Select(i => Padded(ns, i)).ToList());

    // A kilobyte each, so the flood outgrows what the transport buffers between the server and a client that waits.
    private static PendingEvent Padded(string ns, int i) =>
        new(DateTimeOffset.UtcNow, "job", $"{ns}/flood", "job.applied", 1, "test",
            $$"""{"namespace": "{{ns}}", "job": "flood", "index": {{i}}, "padding": "{{new string('x', 1024)}}"}""");

    private async Task AppendAsync(IReadOnlyList<PendingEvent> events)
    {
        await using var connection = await _app.OpenDatabaseAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await EventOutbox.AppendAsync(transaction, events, CancellationToken.None);
        await transaction.CommitAsync();
    }
}
