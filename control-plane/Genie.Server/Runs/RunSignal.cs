using System.Collections.Concurrent;

namespace Genie.Server.Runs;

/// <summary>
/// Tells executors that something changed in the database (a trigger, a cancel, a finished attempt),
/// so hand-offs take milliseconds instead of a polling interval. A wake-up names the run that changed,
/// or none to ask for a look at everything; every listening executor receives it.
/// </summary>
public sealed class RunSignal
{
    private readonly List<Listener> _listeners = [];
    private long _everythingWakes;

    /// <summary>
    /// How many wake-ups asking for a look at everything this process has sent: one that comes while a caller works tells
    /// it that something it did not see (a slot freed, say) may have happened meanwhile.
    /// </summary>
    public long EverythingWakes => Interlocked.Read(ref _everythingWakes);

    /// <summary>A new listener for one executor's loop.</summary>
    public Listener Listen()
    {
        var listener = new Listener();
        lock (_listeners)
        {
            _listeners.Add(listener);
        }

        return listener;
    }

    public void Wake(Guid? changedRun = null)
    {
        if (changedRun is null)
        {
            Interlocked.Increment(ref _everythingWakes);
        }

        Listener[] listeners;
        lock (_listeners)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener.Wake(changedRun);
        }
    }

    /// <summary>One executor's view of the signal: its own pending wake-up and set of changed runs.</summary>
    public sealed class Listener
    {
        private readonly SemaphoreSlim _wake = new(0, 1);
        private readonly ConcurrentDictionary<Guid, byte> _changedRuns = new();
        private int _everything;

        internal void Wake(Guid? changedRun)
        {
            if (changedRun is { } run)
            {
                _changedRuns.TryAdd(run, 0);
            }
            else
            {
                Interlocked.Exchange(ref _everything, 1);
            }

            // At most one pending wake-up: many changes before the executor looks are handled by one pass.
            lock (_wake)
            {
                if (_wake.CurrentCount == 0)
                {
                    _wake.Release();
                }
            }
        }

        /// <summary>Waits until woken or until <paramref name="timeout"/>; true when woken.</summary>
        public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

        /// <summary>The runs changed since the last call, and whether a look at everything was asked for.</summary>
        public (IReadOnlyCollection<Guid> Runs, bool Everything) TakeChanges()
        {
            var everything = Interlocked.Exchange(ref _everything, 0) == 1;
            var runs = _changedRuns.Keys.ToList();
            foreach (var run in runs)
            {
                _changedRuns.TryRemove(run, out _);
            }

            return (runs, everything);
        }
    }
}
