namespace Genie.Server.Tests.Executors.Local;

/// <summary>One parsed line of an attempt log: "&lt;timestamp&gt; &lt;stream&gt; &lt;text&gt;".</summary>
internal sealed record LogLine(string Timestamp, string Stream, string Text)
{
    public static LogLine Parse(string line)
    {
        var parts = line.Split(' ', 3);
        parts.Length.ShouldBeGreaterThanOrEqualTo(2, $"not a log line: {line}");
        return new LogLine(parts[0], parts[1], parts.Length == 3 ? parts[2] : "");
    }

    public static IReadOnlyList<LogLine> ParseAll(string log) =>
        log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToList();
}
