using System.Reflection;
using Genie.Server.Access;
using Genie.Server.Executors.Local;
using Genie.Server.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Genie.Server.Telemetry;

/// <summary>
/// OpenTelemetry for Genie's metrics: the resource (service `genie`, its version, the replica as instance id), Genie's own
/// meter with ASP.NET Core, HttpClient, runtime and Npgsql instrumentation, and the Prometheus scraping endpoint `/metrics`.
/// </summary>
public static class TelemetryRegistration
{
    public const string ServiceName = "genie";
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddGenieMetrics(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton<GenieInstruments>();
        services.AddSingleton<HangfireJobOutcomes>();
        services.AddSingleton<QueueDepthSampler>();
        services.AddHostedService<AfterDatabase<QueueDepthSampler>>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(ServiceName, serviceVersion: Version, autoGenerateServiceInstanceId: false)
                .AddDetector(provider => new ReplicaResource(provider.GetRequiredService<LocalReplica>())))
            .WithMetrics(metrics => metrics
                .AddMeter(GenieInstruments.MeterName)
                // Npgsql's own meter: pool usage, command durations, bytes.
                .AddMeter("Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// `/metrics` answers anonymously unless `Genie:Auth:OpenMetrics` is false: Prometheus scrapes carry no credential, and
    /// the figures name namespaces and jobs but nothing inside them. Closed, it is for cluster admins.
    /// </summary>
    public static WebApplication MapGenieMetrics(this WebApplication app)
    {
        // The exporter maps every method; scrapes are GETs, and the rest answer 405.
        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsPath).WithMetadata(new HttpMethodMetadata(["GET"]));
        if (app.Services.GetRequiredService<IOptions<AccessOptions>>().Value.OpenMetrics)
        {
            endpoint.AllowAnonymous();
        }
        else
        {
            endpoint.ForClusterAdmins();
        }

        return app;
    }

    private static string Version { get; } =
        typeof(TelemetryRegistration).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
