using System.Threading.Channels;
using Genie.Client;

namespace Genie.Portal.Live;

/// <summary>
/// One follower of the <see cref="EventFeed"/>: reads the stream with its filter and calls its refresh once per burst
/// of matching events, and each time the stream (re)opens. A stream that fails (a refusal the client does not retry
/// itself, say a rate limit) is opened again after a growing wait, resuming after the last event seen.
/// </summary>
internal sealed class FeedSubscription : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    // One waiting signal at most: whatever arrives while a refresh runs is covered by the single refresh after it.
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Action<FeedSubscription> _ended;
    private readonly Task _reading;
    private readonly Task _refreshing;
    private int _disposed;

    public FeedSubscription(
        IEventSource source, EventStreamFilter filter, Func<CancellationToken, Task> refresh, TimeSpan burstWindow,
        TimeProvider time, ILogger logger, Action<FeedSubscription> ended)
    {
        _ended = ended;
        var stopping = _stopping.Token;
        // Off the renderer's dispatcher: reading the stream must not queue behind rendering, nor rendering behind it.
        _reading = Task.Run(() => ReadAsync(source, filter, time, logger, stopping), CancellationToken.None);
        _refreshing = Task.Run(() => RefreshAsync(refresh, burstWindow, time, logger, stopping), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _pending.Writer.TryComplete();
        await Task.WhenAll(_reading, _refreshing);
        _stopping.Dispose();
        _ended(this);
    }

    private void Changed() => _pending.Writer.TryWrite(true);

    private async Task ReadAsync(IEventSource source, EventStreamFilter filter, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var backoff = new ReconnectBackoff(FirstRetry, EventStreamReader.MaxReconnectDelay);
        long? lastEventId = null;
        while (true)
        {
            try
            {
                await foreach (var e in source.ReadAsync(filter, lastEventId, Changed, cancellationToken))
                {
                    lastEventId = e.Id;
                    backoff.Reset();
                    Changed();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The event stream for {Filter} failed; it is opened again after a pause", filter);
            }

            try
            {
                await Task.Delay(backoff.Next(), time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RefreshAsync(
        Func<CancellationToken, Task> refresh, TimeSpan burstWindow, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            while (await _pending.Reader.WaitToReadAsync(cancellationToken))
            {
                // The events of one transaction (a run's move, its task's, the attempt's) arrive together: waiting a
                // moment lets one read cover them all, and bounds how often a busy namespace makes a page read again.
                await Task.Delay(burstWindow, time, cancellationToken);
                _pending.Reader.TryRead(out _);
                try
                {
                    await refresh(cancellationToken);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "A live refresh failed; the next event tries again");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Unsubscribed: the page that wanted these refreshes is gone.
        }
    }
}
