namespace Genie.Client.Contracts;

/// <summary>Where a stats answer's figures come from; both give the same shape and meaning.</summary>
public static class StatsSource
{
    /// <summary>The `stats_*` tables the Flink jobs fill, while they hold fresh windows for the range.</summary>
    public const string Flink = "flink";

    /// <summary>Computed by SQL over Genie's own tables (runs, task instances, tick events).</summary>
    public const string Sql = "sql";
}
