using Genie.Client.Resources;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace Genie.Client;

/// <summary>Registers Genie's client: the <see cref="GenieClient"/> facade and each resource's Refit interface.</summary>
public static class GenieClientRegistration
{
    /// <summary>The one named HttpClient every Genie interface is sent through, so one configuration covers them all.</summary>
    public const string HttpClientName = "Genie.Client";

    /// <summary>
    /// Adds <see cref="GenieClient"/> and the resource interfaces for the Genie at <paramref name="baseAddress"/>, every
    /// request presenting <paramref name="credential"/> (an API key or a bearer token).
    /// </summary>
    public static IHttpClientBuilder AddGenieClient(
        this IServiceCollection services, Uri baseAddress, string credential, Action<HttpClient>? configureClient = null) =>
        services.AddGenieClient(baseAddress, http =>
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", credential);
            configureClient?.Invoke(http);
        });

    /// <summary>
    /// Adds <see cref="GenieClient"/> and the resource interfaces for the Genie at <paramref name="baseAddress"/>.
    /// The returned builder configures their shared HttpClient further (handlers, resilience).
    /// </summary>
    public static IHttpClientBuilder AddGenieClient(
        this IServiceCollection services, Uri baseAddress, Action<HttpClient>? configureClient = null)
    {
        var settings = GenieRefitSettings.Create();
        services.AddRefitGeneratedClient<IJobsApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<IRunsApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<ISchedulesApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<IHousekeepingApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<IHealthApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<IApiKeysApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<ISecretsApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<IAuditApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<IEventsApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<IStatsApi>(settings, HttpClientName);
        services.AddRefitGeneratedClient<ICallerApi>(settings, HttpClientName);
        return services.AddHttpClient<GenieClient>(HttpClientName, http =>
        {
            http.BaseAddress = baseAddress;
            configureClient?.Invoke(http);
        });
    }
}
