using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Genie.Server.Telemetry;
using Refit;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// Registers <see cref="AirflowClient"/> over two Refit clients and binds <see cref="AirflowOptions"/> from
/// `Genie:Airflow`. The API's handler chain, outermost first: each call is counted and timed, outages become typed errors, the standard resilience
/// handler retries and times out, the bearer handler adds the JWT per attempt.
/// </summary>
public static class AirflowClientRegistration
{
    /// <summary>The HttpClient names, for tests that put a handler in front of Airflow.</summary>
    internal const string ApiClientName = "Genie.Airflow.Api";
    internal const string LoginClientName = "Genie.Airflow.Login";

    public static IServiceCollection AddAirflowClient(this IServiceCollection services)
    {
        services.AddOptions<AirflowOptions>().BindConfiguration(AirflowOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AirflowTokenSource>();
        services.AddMetrics();
        services.TryAddSingleton<GenieInstruments>();
        services.TryAddTransient<AirflowCallMetrics>();
        services.TryAddTransient<AirflowOutageHandler>();
        services.TryAddTransient<AirflowBearerHandler>();

        // The refusals and outages are Genie's to type, so Refit hands transport failures over unwrapped.
        var settings = new RefitSettings(new AirflowContentSerializer())
        {
            TransportExceptionFactory = (_, exception, _) => exception,
        };

        ConfigureHttp(services.AddRefitGeneratedClient<IAirflowLogin>(_ => settings, LoginClientName));
        var api = ConfigureHttp(services.AddRefitGeneratedClient<IAirflowApi>(_ => settings, ApiClientName))
            .AddHttpMessageHandler<AirflowCallMetrics>()
            .AddHttpMessageHandler<AirflowOutageHandler>();
        api.AddStandardResilienceHandler()
            .Configure((standard, provider) => AirflowResilience.Configure(standard, provider.GetRequiredService<IOptions<AirflowOptions>>().Value));
        api.AddHttpMessageHandler<AirflowBearerHandler>();

        services.TryAddSingleton(provider => new AirflowClient(
            provider.GetRequiredService<IAirflowApi>(), provider.GetRequiredService<IOptions<AirflowOptions>>()));
        return services;
    }

    /// <summary>
    /// Both clients live as long as the process (the token source holds one), so pooled connections are recycled
    /// instead of the handler, to follow DNS changes of Airflow's service; the resilience handler owns timeouts.
    /// </summary>
    private static IHttpClientBuilder ConfigureHttp(IHttpClientBuilder builder) => builder
        .ConfigureHttpClient((provider, http) =>
        {
            http.Timeout = Timeout.InfiniteTimeSpan;
            if (provider.GetRequiredService<IOptions<AirflowOptions>>().Value.BaseAddress is { } baseAddress)
            {
                http.BaseAddress = baseAddress;
            }
        })
        .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
}
