using Genie.Server.Health;
using Genie.Server.Store;
using Genie.Server.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Genie.Server.Events;

/// <summary>
/// The server's one listener on the outbox. It keeps one connection LISTENing on <see cref="EventStreamStore.Channel"/>;
/// at each notification (sent by the commit that wrote events) it reads the settled events after its cursor and
/// offers each, in stream order, to every subscription. Clients never hold a database connection of their own while
/// they wait. When the connection breaks (a database blip, pg_terminate_backend) the loop opens a new one and reads
/// from the same cursor, so the events committed meanwhile follow in order.
/// </summary>
public sealed class EventHub(
    NpgsqlDataSource dataSource,
    IOptions<EventStreamOptions> options,
    GenieInstruments instruments,
    TimeProvider time,
    ILogger<EventHub> logger) : BackgroundService
{
    public const string LoopName = "event-stream";
    private const int PageSize = 500;

    private readonly Lock _lock = new();
    private EventSubscription[] _subscriptions = [];
    private NpgsqlConnection? _connection;
    private EventPosition? _cursor;
    private bool _heldBack;
    private int _backlog;
    private int _notified;

    /// <summary>
    /// The outbox's backlog as this replica's stream sees it: committed events it read but may not deliver yet because an
    /// older transaction is still open (at most one read's page). Nothing else waits: every other committed event was
    /// fanned out at its notification.
    /// </summary>
    public int Backlog => Volatile.Read(ref _backlog);

    /// <summary>The backend process of the listening connection (0 while there is none); tests terminate it.</summary>
    public int ListenerProcessId => _connection?.ProcessID ?? 0;

    /// <summary>
    /// Starts queueing the live events <paramref name="filter"/> matches. A client reads the table up to the present
    /// after subscribing; events it then meets again in the queue are those at or before its own position.
    /// </summary>
    public EventSubscription Subscribe(EventFilter filter)
    {
        var subscription = new EventSubscription(filter, options.Value.SubscriberBuffer, Unsubscribe);
        lock (_lock)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return subscription;
    }

    private void Unsubscribe(EventSubscription subscription)
    {
        lock (_lock)
        {
            _subscriptions = _subscriptions.Where(s => s != subscription).ToArray();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        instruments.ObserveEventBacklog(() => Backlog);
        return new SupervisedLoop(LoopName, logger, time).RunAsync(PublishAsync, WaitAsync, stoppingToken);
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await ListeningConnectionAsync(cancellationToken);
            _cursor ??= await EventStreamStore.HeadAsync(connection, cancellationToken);
            IReadOnlyList<StoredEvent> page;
            do
            {
                // Npgsql hands over a notification that arrives during the read as it reads; the flag keeps the wait
                // below from sleeping through a commit that came after the read's snapshot.
                Volatile.Write(ref _notified, 0);
                page = await EventStreamStore.ReadAfterAsync(connection, _cursor.Value, EventStreamQuery.All, PageSize, cancellationToken);
                var settled = page.TakeWhile(e => e.Settled).ToList();
                _heldBack = settled.Count < page.Count;
                Volatile.Write(ref _backlog, page.Count - settled.Count);
                // Read after the events: a client that subscribed before this point gets them here, one that subscribed
                // later read them from the table itself, as they were settled before it subscribed.
                var subscriptions = Volatile.Read(ref _subscriptions);
                foreach (var e in settled)
                {
                    foreach (var subscription in subscriptions)
                    {
                        subscription.Offer(e);
                    }

                    _cursor = e.Position;
                }
            }
            while (page.Count == PageSize && !_heldBack);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await DropConnectionAsync();
            throw;
        }
    }

    private async Task WaitAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _notified, 0) == 1)
        {
            return;
        }

        try
        {
            // Any notification means "read again"; its payload carries nothing.
            await _connection!.WaitAsync(_heldBack ? options.Value.HeldBackRead : options.Value.IdleRead, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await DropConnectionAsync();
            throw;
        }
    }

    private async Task<NpgsqlConnection> ListeningConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } open)
        {
            return open;
        }

        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        connection.Notification += (_, _) => Volatile.Write(ref _notified, 1);
        try
        {
            // Listen before the first read: an event committed in between is then both notified and read, never neither.
            await EventStreamStore.ListenAsync(connection, cancellationToken);
        }
        catch (Exception)
        {
            await connection.DisposeAsync();
            throw;
        }

        _connection = connection;
        logger.LogInformation("The event stream listens on backend {ProcessId}, reading on from {Cursor}", connection.ProcessID, _cursor);
        return connection;
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await DropConnectionAsync();
    }
}
