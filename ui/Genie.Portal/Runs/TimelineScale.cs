using System.Globalization;

namespace Genie.Portal.Runs;

/// <summary>
/// The time axis of a run's timeline: maps instants between <see cref="Start"/> and <see cref="End"/> onto x from
/// <see cref="Left"/> to <see cref="Right"/>, and picks round tick steps (labelled from the start) for any span.
/// </summary>
public sealed record TimelineScale(DateTimeOffset Start, DateTimeOffset End, double Left, double Right)
{
    // About this many ticks fit the axis whatever the span: a 300 ms local run and a two-hour ETL alike.
    private const int MaxTicks = 8;

    private static readonly TimeSpan[] Steps =
    [
        .. new[] { 10, 20, 50, 100, 200, 500 }.Select(ms => TimeSpan.FromMilliseconds(ms)),
        .. new[] { 1, 2, 5, 10, 15, 30 }.Select(s => TimeSpan.FromSeconds(s)),
        .. new[] { 1, 2, 5, 10, 15, 30 }.Select(m => TimeSpan.FromMinutes(m)),
        .. new[] { 1, 2, 3, 6, 12, 24, 48 }.Select(h => TimeSpan.FromHours(h)),
    ];

    /// <summary>A scale from <paramref name="start"/> to <paramref name="end"/>, at least 100 ms wide so nothing divides by zero.</summary>
    public static TimelineScale Of(DateTimeOffset start, DateTimeOffset end, double left, double right) =>
        new(start, end - start < TimeSpan.FromMilliseconds(100) ? start.AddMilliseconds(100) : end, left, right);

    /// <summary>Where <paramref name="instant"/> falls, clamped to the axis.</summary>
    public double X(DateTimeOffset instant) =>
        Left + Math.Clamp((instant - Start) / (End - Start), 0, 1) * (Right - Left);

    /// <summary>The tick step: the smallest round step that keeps the ticks to a handful.</summary>
    public TimeSpan Step => Steps.FirstOrDefault(s => (End - Start) / s <= MaxTicks, TimeSpan.FromDays(Math.Ceiling((End - Start).TotalDays / MaxTicks)));

    /// <summary>Ticks from the start, each with its offset as a label (`0`, `30s`, `1m30s`, `2h`).</summary>
    public IReadOnlyList<(double X, string Label)> Ticks()
    {
        var step = Step;
        var count = (int)Math.Floor((End - Start) / step);
        return Enumerable.Range(0, count + 1).Select(i => (X(Start + step * i), Label(step * i))).ToList();
    }

    private static string Label(TimeSpan offset) => offset switch
    {
        { Ticks: 0 } => "0",
        { TotalSeconds: < 1 } => $"{offset.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}ms",
        { TotalMinutes: < 1 } => $"{offset.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s",
        { TotalHours: < 1 } => offset.Seconds == 0 ? $"{(int)offset.TotalMinutes}m" : $"{(int)offset.TotalMinutes}m{offset.Seconds:00}s",
        _ => offset.Minutes == 0 ? $"{(int)offset.TotalHours}h" : $"{(int)offset.TotalHours}h{offset.Minutes:00}m",
    };
}
