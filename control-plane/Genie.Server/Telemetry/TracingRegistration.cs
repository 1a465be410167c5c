using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Genie.Server.Telemetry;

/// <summary>
/// Spans for API requests, HttpClient calls (Airflow, S3, JWKS) and Genie's own work (<see cref="GenieActivitySource"/>),
/// always recorded so every run gets a trace id; exported over OTLP, with the metrics, only when an endpoint is configured.
/// </summary>
public static class TracingRegistration
{
    /// <summary>The standard variable the OTLP exporter reads itself when Genie's own setting is absent.</summary>
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddTracing(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(TracingOptions.Section);
        builder.Services.Configure<TracingOptions>(section);
        var options = section.Get<TracingOptions>() ?? new TracingOptions();
        var export = OtlpExport.Of(options, builder.Configuration[StandardEndpointVariable]);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(GenieService.Name))
            .WithTracing(tracing =>
            {
                tracing.AddSource(GenieActivitySource.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (export is not null)
                {
                    tracing.AddOtlpExporter(exporter => export.Apply(exporter, "/v1/traces"));
                }
            });
        if (export is not null)
        {
            telemetry.WithMetrics(metrics => metrics.AddOtlpExporter(exporter => export.Apply(exporter, "/v1/metrics")));
        }

        return builder;
    }

    /// <summary>Where to export. Null: nowhere. An empty <see cref="Endpoint"/>: the exporter's own reading of the standard variables.</summary>
    private sealed record OtlpExport(Uri? Endpoint, OtlpExportProtocol? Protocol)
    {
        public static OtlpExport? Of(TracingOptions options, string? standardEndpoint)
        {
            var protocol = options.OtlpProtocol?.Trim().ToLowerInvariant() switch
            {
                null or "" => (OtlpExportProtocol?)null,
                "grpc" => OtlpExportProtocol.Grpc,
                "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                var other => throw new InvalidOperationException(
                    $"{TracingOptions.Section}:OtlpProtocol must be `grpc` or `http/protobuf`, not `{other}`."),
            };
            if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
            {
                if (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                {
                    throw new InvalidOperationException(
                        $"{TracingOptions.Section}:OtlpEndpoint must be an http(s) URL, not `{options.OtlpEndpoint}`.");
                }

                return new OtlpExport(endpoint, protocol);
            }

            return string.IsNullOrWhiteSpace(standardEndpoint) ? null : new OtlpExport(null, protocol);
        }

        public void Apply(OtlpExporterOptions exporter, string signalPath)
        {
            if (Protocol is { } protocol)
            {
                exporter.Protocol = protocol;
            }

            // Over HTTP the exporter appends the signal's path only to the standard variable's endpoint, not to one set
            // in code, so Genie's setting takes the same base URL and gets the path here.
            if (Endpoint is { } endpoint)
            {
                exporter.Endpoint = exporter.Protocol == OtlpExportProtocol.HttpProtobuf
                    ? new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + signalPath)
                    : endpoint;
            }
        }
    }
}
