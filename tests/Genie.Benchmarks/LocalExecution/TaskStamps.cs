using System.Globalization;
using System.Text.RegularExpressions;

namespace Genie.Benchmarks.LocalExecution;

/// <summary>
/// When a chain task's program began and ended, stamped by the task itself: its first command reads bash's
/// <c>$EPOCHREALTIME</c> and its last command prints that and a second reading, as one stdout line in its log.
/// <c>$EPOCHREALTIME</c> is a bash builtin (no fork, so nothing but the read happens before the first stamp or
/// after the last one except that one write and bash's exit) giving CLOCK_REALTIME in microseconds. It is not
/// monotonic, but both ends of a hand-off are read on the same machine from the same clock, as are Genie's own
/// attempt timestamps (.NET's UtcNow); an NTP step in the middle of a chain shows as a negative hand-off and
/// fails the area rather than bending a figure.
/// </summary>
/// <param name="StartMicros">The first command's reading, microseconds since the Unix epoch.</param>
/// <param name="EndMicros">The last command's reading.</param>
public readonly partial record struct TaskStamps(long StartMicros, long EndMicros)
{
    private const string Marker = "genie-bench-stamps";

    /// <summary>
    /// The task's argv. `command` is exec'd without a shell, so bash is the program itself; the radix in
    /// <c>$EPOCHREALTIME</c> follows the locale (LANG passes through to tasks), hence "." or "," when parsing.
    /// </summary>
    public static IReadOnlyList<string> Command { get; } = ["bash", "-c", $"s=$EPOCHREALTIME; echo \"{Marker} $s $EPOCHREALTIME\""];

    /// <summary>What the command does, for the table's notes.</summary>
    public const string Description = "`bash -c` whose first command reads $EPOCHREALTIME and whose last prints it with a second reading";

    public static DateTimeOffset ToTime(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);

    /// <summary>The stamps in an attempt log (lines "&lt;UTC time&gt; stdout &lt;text&gt;"); throws when the task did not print them.</summary>
    public static TaskStamps FromLog(string log, string task)
    {
        var match = StampLine().Match(log);
        if (!match.Success)
        {
            throw new InvalidOperationException($"task {task} printed no `{Marker}` line (is bash ≥ 5.0 installed?); its log:\n{log}");
        }

        var stamps = new TaskStamps(Micros(match.Groups["start"].Value), Micros(match.Groups["end"].Value));
        if (stamps.EndMicros < stamps.StartMicros)
        {
            throw new InvalidOperationException($"task {task} ended before it started ({stamps}): the real-time clock was stepped");
        }

        return stamps;
    }

    // "1764529526.123456" → 1764529526123456: the six fraction digits are the microseconds.
    private static long Micros(string stamp) =>
        long.Parse(stamp.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\S+ stdout " + Marker + @" (?<start>\d+[.,]\d{6}) (?<end>\d+[.,]\d{6})$", RegexOptions.Multiline)]
    private static partial Regex StampLine();
}
