using System.Threading.Channels;
using Genie.Client;
using Genie.Portal.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace Genie.Portal.Tests.Components;

/// <summary>The circuit's event feed: a stream that fails is opened again after the last event seen, and the follower reads again then.</summary>
public sealed class EventFeedTests
{
    private readonly FakeEventSource _events = new();
    private readonly Channel<bool> _refreshes = Channel.CreateUnbounded<bool>();

    [Fact]
    public async Task A_broken_stream_resumes_after_the_last_event_and_the_follower_reads_again()
    {
        await using var feed = new EventFeed(_events, new PortalOptions { EventBurstWindow = TimeSpan.FromMilliseconds(10) }, TimeProvider.System,
            NullLogger<EventFeed>.Instance);
        var filter = new EventStreamFilter(Namespace: "default");
        await using var follower = feed.Follow(filter, _ => Task.FromResult(_refreshes.Writer.TryWrite(true)));

        (await _events.NextOpeningAsync()).ShouldBe(new FakeEventSource.Opening(filter, null));
        await NextRefreshAsync();
        _events.Publish(FakeEventSource.RunMoved(41, "run-1"));
        await NextRefreshAsync();

        _events.Break();

        (await _events.NextOpeningAsync()).ShouldBe(new FakeEventSource.Opening(filter, 41));
        await NextRefreshAsync();
    }

    [Fact]
    public async Task Disposing_the_feed_closes_every_stream()
    {
        var feed = new EventFeed(_events, new PortalOptions(), TimeProvider.System, NullLogger<EventFeed>.Instance);
        feed.Follow(new EventStreamFilter(Run: "run-1"), _ => Task.CompletedTask);
        feed.Follow(new EventStreamFilter(), _ => Task.CompletedTask);
        await _events.NextOpeningAsync();
        await _events.NextOpeningAsync();
        _events.OpenStreams.ShouldBe(2);

        await feed.DisposeAsync();

        _events.OpenStreams.ShouldBe(0);
    }

    private Task NextRefreshAsync() => _refreshes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
}
