namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>A clock a test moves by hand; timers and delays still run on real time, so retries keep working.</summary>
public sealed class AdjustableClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public AdjustableClock()
        : this(DateTimeOffset.UtcNow)
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
