namespace Genie.Server.Tests.Executors.Local;

/// <summary>A TimeProvider whose time stands still and whose timers fire only when the test says so.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(callback, state, dueTime);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    /// <summary>Fires the armed, undisposed timers that are due within <paramref name="dueTime"/>.</summary>
    public void FireTimersDueWithin(TimeSpan dueTime)
    {
        List<ManualTimer> due;
        lock (_timers)
        {
            due = _timers.Where(t => !t.Disposed && t.DueTime <= dueTime).ToList();
            _timers.RemoveAll(due.Contains);
        }

        due.ForEach(t => t.Fire());
    }

    /// <summary>Due times of the armed, undisposed timers.</summary>
    public IReadOnlyList<TimeSpan> ArmedTimers()
    {
        lock (_timers)
        {
            return _timers.Where(t => !t.Disposed).Select(t => t.DueTime).ToList();
        }
    }

    private sealed class ManualTimer(TimerCallback callback, object? state, TimeSpan dueTime) : ITimer
    {
        public TimeSpan DueTime { get; private set; } = dueTime;

        public bool Disposed { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            DueTime = dueTime;
            return !Disposed;
        }

        public void Dispose() => Disposed = true;

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
