namespace Genie.Benchmarks.ApiAtScale;

/// <summary>How many rows the bulk load wrote to each table and how long the COPY and the VACUUM ANALYZE after it took.</summary>
public sealed record LoadReport(long Jobs, long Versions, long Runs, long Tasks, long Attempts, TimeSpan Copy, TimeSpan Vacuum)
{
    public long Rows => Jobs + Versions + Runs + Tasks + Attempts;
}
