namespace Genie.Portal.Shared;

/// <summary>
/// Calls a refresh every interval until disposed: how pages follow things that move (runs, logs) while the portal
/// does not use the server's event stream yet.
/// </summary>
public sealed class RefreshLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public RefreshLoop(TimeSpan interval, TimeProvider time, Func<Task> refresh) => _loop = RunAsync(interval, time, refresh, _stopping.Token);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for the next tick, as asked.
        }

        _stopping.Dispose();
    }

    private static async Task RunAsync(TimeSpan interval, TimeProvider time, Func<Task> refresh, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await refresh();
        }
    }
}
