using System.Globalization;

namespace Genie.Cli;

/// <summary>Times as tables show them: how long ago (`5m`), and durations (`1h2m`).</summary>
public static class Times
{
    public static string Ago(DateTimeOffset? time) => time is { } t ? Span(TimeProvider.System.GetUtcNow() - t) : "";

    public static string Between(DateTimeOffset? start, DateTimeOffset? end) =>
        start is { } s ? Span((end ?? TimeProvider.System.GetUtcNow()) - s) : "";

    public static string Stamp(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    private static string Span(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds}s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes}m{span.Seconds}s"
            : span.TotalHours < 24 ? $"{(int)span.TotalHours}h{span.Minutes}m"
            : $"{(int)span.TotalDays}d{span.Hours}h";
    }
}
