namespace Genie.Server.Store;

/// <summary>
/// Hosts a service that needs the database: the host builds every hosted service before starting any, so
/// the real service is only resolved once <see cref="DatabaseHost"/> has made the database reachable.
/// </summary>
public sealed class AfterDatabase<TService>(IServiceProvider services) : IHostedService
    where TService : class, IHostedService
{
    private TService? _service;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _service = services.GetRequiredService<TService>();
        return _service.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _service?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}
