using System.Diagnostics;

namespace Genie.Server.Telemetry;

/// <summary>
/// The trace a run belongs to, as recorded on it when it was triggered: the trace id (what the portal links to) and the
/// trigger span's id (what later spans of the run hang under).
/// </summary>
public sealed record RunTraceContext(string TraceId, string SpanId)
{
    /// <summary>The current span's context, or null outside any sampled span.</summary>
    public static RunTraceContext? OfCurrent() =>
        Activity.Current is { } current && current.IdFormat == ActivityIdFormat.W3C
            ? new RunTraceContext(current.TraceId.ToHexString(), current.SpanId.ToHexString())
            : null;

    /// <summary>The context of a run's row; null when it has none (a run from before tracing) or it is malformed.</summary>
    public static RunTraceContext? Of(string? traceId, string? spanId) =>
        traceId is { Length: 32 } && spanId is { Length: 16 } && IsHex(traceId) && IsHex(spanId) ? new RunTraceContext(traceId, spanId) : null;

    public ActivityContext ToContext() =>
        new(ActivityTraceId.CreateFromString(TraceId), ActivitySpanId.CreateFromString(SpanId), ActivityTraceFlags.Recorded, isRemote: true);

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigitLower);
}
