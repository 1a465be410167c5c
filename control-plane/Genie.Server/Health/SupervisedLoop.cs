using Genie.Server.Store;

namespace Genie.Server.Health;

/// <summary>
/// Runs a background loop so that no failure ends it. Each round is a pass (the work) and a wait for more work;
/// both run inside the same guard, so whatever the database does while either runs (the wait may ask it when
/// something is next due) fails one round, never the loop. After a failure the pass runs again, after a delay:
/// <list type="bullet">
/// <item>a database outage (<see cref="DatabaseOutage"/>) is logged as one warning when it begins and one line when
/// the database answers again, whatever the number of rounds in between, and retried every few seconds at most;</item>
/// <item>any other exception is logged as an error with its stack trace each time, retried after a delay that
/// grows to half a minute, so a persistent fault is visible without flooding the log.</item>
/// </list>
/// The loop ends only when <paramref name="stoppingToken"/> of <see cref="RunAsync"/> fires. A loop that ends
/// otherwise is a bug; <see cref="LoopWatch{TService}"/> reports it.
/// </summary>
public sealed class SupervisedLoop(string name, ILogger logger, TimeProvider time)
{
    internal static readonly TimeSpan FirstOutageRetry = TimeSpan.FromMilliseconds(250);
    internal static readonly TimeSpan MaxOutageRetry = TimeSpan.FromSeconds(5);
    internal static readonly TimeSpan FirstErrorRetry = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan MaxErrorRetry = TimeSpan.FromSeconds(30);

    private DateTimeOffset? _outageSince;
    private int _failuresInARow;

    public async Task RunAsync(Func<CancellationToken, Task> pass, Func<CancellationToken, Task> waitForWork, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan retryIn;
            try
            {
                await pass(stoppingToken);
                Succeeded();
                await waitForWork(stoppingToken);
                continue;
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Whatever a pass cut short by shutdown throws, it is not news.
                return;
            }
            catch (Exception e)
            {
                retryIn = Failed(e);
            }

            try
            {
                await Task.Delay(retryIn, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Succeeded()
    {
        if (_outageSince is { } since)
        {
            logger.LogInformation("Background loop {Loop} reaches the database again after {Seconds:0.0} s; it carries on",
                name, (time.GetUtcNow() - since).TotalSeconds);
        }

        _outageSince = null;
        _failuresInARow = 0;
    }

    private TimeSpan Failed(Exception exception)
    {
        _failuresInARow++;
        if (DatabaseOutage.Is(exception))
        {
            var retryIn = Backoff(FirstOutageRetry, MaxOutageRetry);
            if (_outageSince is null)
            {
                _outageSince = time.GetUtcNow();
                logger.LogWarning("Background loop {Loop} cannot reach the database ({Reason}); it retries every few seconds until the database answers",
                    name, DatabaseOutage.Describe(exception));
            }
            else
            {
                logger.LogDebug("Background loop {Loop} still cannot reach the database ({Reason}); retrying in {Delay}",
                    name, DatabaseOutage.Describe(exception), retryIn);
            }

            return retryIn;
        }

        var delay = Backoff(FirstErrorRetry, MaxErrorRetry);
        logger.LogError(exception, "A pass of background loop {Loop} failed; it runs again in {Delay}", name, delay);
        return delay;
    }

    /// <summary>Doubles from <paramref name="first"/> with each failure in a row, up to <paramref name="max"/>.</summary>
    private TimeSpan Backoff(TimeSpan first, TimeSpan max)
    {
        var doublings = Math.Min(_failuresInARow - 1, 16);
        var delay = first * Math.Pow(2, doublings);
        return delay < max ? delay : max;
    }
}
