namespace Genie.Server.Telemetry;

/// <summary>Trace export and links to a tracing UI (section `Genie:Telemetry`).</summary>
public sealed class TracingOptions
{
    public const string Section = "Genie:Telemetry";

    /// <summary>
    /// Base URL of an OTLP receiver (e.g. `http://otel-collector:4318`); when unset the standard
    /// `OTEL_EXPORTER_OTLP_ENDPOINT` is used, and with neither nothing is exported.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>`grpc` (the OTLP default) or `http/protobuf`; when unset the standard `OTEL_EXPORTER_OTLP_PROTOCOL` decides.</summary>
    public string? OtlpProtocol { get; set; }

    /// <summary>A tracing UI's page of one trace, with `{traceId}` where the id goes (e.g. `https://jaeger/trace/{traceId}`).</summary>
    public string? TraceUrlTemplate { get; set; }

    /// <summary>The link to a run's trace, when a template is configured and the run has a trace.</summary>
    public string? TraceUrlOf(string? traceId) =>
        string.IsNullOrWhiteSpace(TraceUrlTemplate) || traceId is null ? null : TraceUrlTemplate.Replace("{traceId}", traceId, StringComparison.Ordinal);
}
