namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// Injected faults of the fake Airflow: the next N requests, or every request until a moment, fail with a 5xx (or
/// 429), or the next N are answered only after a delay. Each request takes at most one of each. Not thread-safe:
/// FakeAirflow's lock guards it.
/// </summary>
internal sealed class FakeFaults
{
    private int _failuresLeft;
    private int _failureStatus;
    private DateTimeOffset _failingUntil;
    private int _delaysLeft;
    private TimeSpan _delay;

    public void FailNext(int count, int status)
    {
        _failuresLeft = count;
        _failureStatus = status;
    }

    public void FailUntil(DateTimeOffset until, int status)
    {
        _failingUntil = until;
        _failureStatus = status;
    }

    public void DelayNext(int count, TimeSpan delay)
    {
        _delaysLeft = count;
        _delay = delay;
    }

    public int? TakeFailure(DateTimeOffset now) =>
        now < _failingUntil || (_failuresLeft > 0 && _failuresLeft-- > 0) ? _failureStatus : null;

    public TimeSpan? TakeDelay() => _delaysLeft > 0 && _delaysLeft-- > 0 ? _delay : null;
}
