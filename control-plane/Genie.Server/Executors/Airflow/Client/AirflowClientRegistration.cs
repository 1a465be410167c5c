using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>Registers <see cref="AirflowClient"/> and binds <see cref="AirflowOptions"/> from `Genie:Airflow`.</summary>
public static class AirflowClientRegistration
{
    private const string HttpClientName = "Genie.Airflow";

    public static IServiceCollection AddAirflowClient(this IServiceCollection services)
    {
        services.AddOptions<AirflowOptions>().BindConfiguration(AirflowOptions.Section);
        services.TryAddSingleton(TimeProvider.System);

        // A singleton, because it caches the access token; so its HttpClient lives long, and pooled connections are
        // recycled instead of the handler, to follow DNS changes of Airflow's service. Polly owns timeouts, per attempt.
        services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(provider => new AirflowClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AirflowOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<AirflowClient>>()));
        return services;
    }
}
