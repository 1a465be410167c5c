using Genie.Server.Executors.Airflow.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// An <see cref="AirflowClient"/> as the server registers it (Refit, resilience and bearer handlers), with retry delays
/// short enough for tests, optionally sending through <paramref name="handler"/> (Prism's recorder) instead of the network.
/// </summary>
public static class TestAirflowClient
{
    public static AirflowClient For(string baseUrl, Action<AirflowOptions>? adjust = null, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        var options = new AirflowOptions
        {
            BaseUrl = baseUrl,
            Username = FakeAirflow.Username,
            Password = FakeAirflow.Password,
            RequestTimeout = TimeSpan.FromSeconds(10),
            MaxRetries = 4,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        };
        adjust?.Invoke(options);
        return Create(options, time, handler);
    }

    public static AirflowClient Create(AirflowOptions options, TimeProvider? time = null, HttpMessageHandler? handler = null) =>
        // The provider lives as long as the client: the client's handlers and token cache belong to it.
        Services(options, time, handler).GetRequiredService<AirflowClient>();

    /// <summary>The container <see cref="Create"/> takes its client from, for tests that look at more of it (its meter).</summary>
    public static ServiceProvider Services(AirflowOptions options, TimeProvider? time = null, HttpMessageHandler? handler = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton(time ?? TimeProvider.System);
        services.AddAirflowClient();
        services.AddSingleton(Options.Create(options));
        if (handler is not null)
        {
            SendThrough(services, handler);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>Makes the Airflow clients registered in <paramref name="services"/> send through <paramref name="handler"/>.</summary>
    public static void SendThrough(IServiceCollection services, HttpMessageHandler handler)
    {
        foreach (var name in new[] { AirflowClientRegistration.ApiClientName, AirflowClientRegistration.LoginClientName })
        {
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => handler);
        }
    }
}
