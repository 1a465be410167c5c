namespace Genie.Portal.Runs;

/// <summary>How long something ran, as people read it (`1m 05s`), or what it is waiting for.</summary>
public static class RunDuration
{
    public static string Describe(DateTimeOffset? startedAt, DateTimeOffset? finishedAt) => (startedAt, finishedAt) switch
    {
        (null, _) => "not started",
        ({ } start, null) => "running",
        ({ } start, { } end) => Format(end - start),
    };

    public static string Format(TimeSpan span) => span switch
    {
        { TotalSeconds: < 1 } => $"{span.TotalMilliseconds:0} ms",
        { TotalMinutes: < 1 } => $"{span.TotalSeconds:0.0} s",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes}m {span.Seconds:00}s",
        _ => $"{(int)span.TotalHours}h {span.Minutes:00}m",
    };
}
