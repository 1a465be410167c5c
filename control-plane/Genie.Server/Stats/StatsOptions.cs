namespace Genie.Server.Stats;

/// <summary>When the stats API trusts the Flink-fed `stats_*` tables (section `Genie:Stats`).</summary>
public sealed class StatsOptions
{
    public const string Section = "Genie:Stats";

    /// <summary>
    /// A table is fresh for a range when its newest window ends at most this long before the range's end (or now, for a
    /// range reaching into the future): long enough for a one-minute window to close, pass the watermark and the sink.
    /// </summary>
    public TimeSpan FreshFor { get; set; } = TimeSpan.FromMinutes(10);
}
