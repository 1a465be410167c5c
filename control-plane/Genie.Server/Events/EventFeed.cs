using System.Runtime.CompilerServices;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Events;

/// <summary>
/// One client's events, whatever carries them (server-sent events, gRPC's WatchRun): those after a position read from
/// the table, then, when following, the live ones the hub queues, each once and in stream order. It says when the
/// client is subscribed, when the table is read, when nothing came for a heartbeat's time and when the client fell
/// too far behind; the carrier decides what each means on its wire.
/// </summary>
public sealed class EventFeed(EventHub hub, EventStreamStore store, IOptions<EventStreamOptions> options, TimeProvider time)
{
    private const int PageSize = 500;

    /// <param name="after">Where to start (null: from now).</param>
    public async IAsyncEnumerable<EventFeedStep> ReadAsync(
        EventFilter filter, EventPosition? after, bool follow, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Subscribe before reading the table: whatever commits from here on is either read below or queued.
        using var subscription = follow ? hub.Subscribe(filter) : null;
        var position = after ?? await store.HeadAsync(cancellationToken);
        yield return EventFeedStep.Subscribed;

        IReadOnlyList<StoredEvent> page;
        do
        {
            page = await store.ReadAfterAsync(position, filter.ToQuery(), PageSize, cancellationToken);
            var settled = page.TakeWhile(e => e.Settled).ToList();
            if (settled.Count > 0)
            {
                position = settled[^1].Position;
            }

            yield return new EventFeedStep(EventFeedStepKind.Events, settled);
        }
        while (page.Count == PageSize && page[^1].Settled);

        if (subscription is null)
        {
            yield break;
        }

        yield return EventFeedStep.Live;
        while (true)
        {
            using var beat = new CancellationTokenSource(options.Value.Heartbeat, time);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, beat.Token);
            bool? more;
            try
            {
                more = await subscription.Events.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                more = null;
            }

            if (more is null)
            {
                yield return EventFeedStep.Idle;
                continue;
            }

            if (more == false)
            {
                break;
            }

            var fresh = new List<StoredEvent>();
            while (subscription.Events.TryRead(out var e))
            {
                // Events the table read above already delivered come again here; the position tells them apart.
                if (e.Position > position)
                {
                    fresh.Add(e);
                    position = e.Position;
                }
            }

            yield return new EventFeedStep(EventFeedStepKind.Events, fresh);
        }

        if (subscription.Overflowed)
        {
            yield return EventFeedStep.Overflow;
        }
    }
}

/// <summary>What an <see cref="EventFeed"/> step is.</summary>
public enum EventFeedStepKind
{
    /// <summary>The live events are queued for the client from here on (nothing is delivered yet).</summary>
    Subscribed,

    /// <summary>The next events in stream order (none, for a page of the table that held none yet).</summary>
    Events,

    /// <summary>The table is read to its end; only live events follow.</summary>
    Live,

    /// <summary>Nothing came for a heartbeat's time.</summary>
    Idle,

    /// <summary>The client fell too far behind and was dropped; it resumes after the last event it got.</summary>
    Overflow,
}

/// <summary>One step of an <see cref="EventFeed"/>: its kind and, for <see cref="EventFeedStepKind.Events"/>, the events.</summary>
public sealed record EventFeedStep(EventFeedStepKind Kind, IReadOnlyList<StoredEvent> Events)
{
    public static EventFeedStep Subscribed { get; } = new(EventFeedStepKind.Subscribed, []);

    public static EventFeedStep Live { get; } = new(EventFeedStepKind.Live, []);

    public static EventFeedStep Idle { get; } = new(EventFeedStepKind.Idle, []);

    public static EventFeedStep Overflow { get; } = new(EventFeedStepKind.Overflow, []);
}
