using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Genie.Server.Health;

/// <summary>Registers a background loop that needs the database, hosted through <see cref="LoopWatch{TService}"/>.</summary>
public static class BackgroundLoopRegistration
{
    /// <summary>
    /// Hosts <typeparamref name="TService"/> (itself registered as a singleton) under <paramref name="name"/>, the name
    /// `/readyz` and the logs use. Hosted services start in registration order: call this after the database host.
    /// </summary>
    public static IServiceCollection AddWatchedLoop<TService>(this IServiceCollection services, string name)
        where TService : BackgroundService
    {
        services.TryAddSingleton<BackgroundLoopHealth>();
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<LoopWatch<TService>>(sp, name));
        return services;
    }
}
