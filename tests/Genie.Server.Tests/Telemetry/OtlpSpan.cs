namespace Genie.Server.Tests.Telemetry;

/// <summary>A span as an OTLP receiver decoded it: ids in hex (the parent's empty for a root), name and string attributes.</summary>
public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes);
