namespace Genie.Server.Health;

/// <summary>
/// Hosts a background loop and tells the host when it dies. The loop is resolved only when started, as
/// <see cref="Store.AfterDatabase{TService}"/> does, so it is registered after the database host and built once
/// the database is reachable. The host itself only watches a <see cref="BackgroundService"/> registered directly;
/// hosted through this wrapper a loop that ended would go unnoticed, its work silently undone. So: if the loop's
/// task ends while the server is not stopping (a fault, or a return), this logs it as critical and marks the loop
/// dead in <see cref="BackgroundLoopHealth"/>, which makes `/readyz` answer 503 naming it.
/// </summary>
public sealed class LoopWatch<TService>(
    string name,
    IServiceProvider services,
    BackgroundLoopHealth health,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<LoopWatch<TService>> logger) : IHostedService
    where TService : BackgroundService
{
    private TService? _loop;
    private volatile bool _stopping;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = services.GetRequiredService<TService>();
        health.Started(name);
        await _loop.StartAsync(cancellationToken);
        _ = WatchAsync(_loop.ExecuteTask ?? Task.CompletedTask);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        if (_loop is not null)
        {
            await _loop.StopAsync(cancellationToken);
        }
    }

    private async Task WatchAsync(Task loop)
    {
        Exception? fault = null;
        try
        {
            await loop;
        }
        catch (Exception e)
        {
            fault = e;
        }

        if (_stopping || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        var reason = fault is null ? "its loop returned" : $"{fault.GetType().Name}: {fault.Message}";
        logger.LogCritical(fault,
            "Background loop {Loop} stopped ({Reason}); its work is not done on this replica until Genie restarts, and /readyz answers 503",
            name, reason);
        health.Died(name, reason, time.GetUtcNow());
    }
}
