using Genie.Client;

namespace Genie.Portal.Live;

/// <summary>
/// The circuit's live events: components follow a filter (a run, a namespace, a job, or everything the signed-in
/// caller may see) and are called to read again what they show when matching events arrive. Each follower reads its
/// own server-filtered stream, so a run's page is not sent the whole cluster's events; all of them stop with the
/// circuit. <see cref="LiveRefresh"/> wires a page to it in one line.
/// </summary>
public sealed class EventFeed(IEventSource source, PortalOptions options, TimeProvider time, ILogger<EventFeed> logger) : IAsyncDisposable
{
    private readonly HashSet<FeedSubscription> _followers = [];

    /// <summary>
    /// Calls <paramref name="refresh"/> once per burst of events matching <paramref name="filter"/>, and whenever the
    /// stream (re)opens (events may have been missed before), until the returned subscription is disposed.
    /// </summary>
    public IAsyncDisposable Follow(EventStreamFilter filter, Func<CancellationToken, Task> refresh)
    {
        var follower = new FeedSubscription(source, filter, refresh, options.EventBurstWindow, time, logger, Forget);
        lock (_followers)
        {
            _followers.Add(follower);
        }

        return follower;
    }

    public async ValueTask DisposeAsync()
    {
        FeedSubscription[] followers;
        lock (_followers)
        {
            followers = [.. _followers];
        }

        foreach (var follower in followers)
        {
            await follower.DisposeAsync();
        }
    }

    private void Forget(FeedSubscription follower)
    {
        lock (_followers)
        {
            _followers.Remove(follower);
        }
    }
}
