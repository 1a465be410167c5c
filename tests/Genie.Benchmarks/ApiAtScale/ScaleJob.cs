namespace Genie.Benchmarks.ApiAtScale;

/// <summary>
/// A generated job as the benchmark loads it: its row, its versions, and what its runs need to look like the
/// ones Genie writes (executor, concurrency scope, priority, retry limit, timeout, how often it runs).
/// </summary>
public sealed record ScaleJob(
    long Id,
    string Namespace,
    string Name,
    string? Group,
    IReadOnlyDictionary<string, string> Labels,
    bool OnAirflow,
    JobShape Shape,
    int Priority,
    string? ConcurrencyScope,
    bool SkipsOnConflict,
    TimeSpan? Timeout,
    int RetryLimit,
    bool Scheduled,
    double RunWeight,
    IReadOnlyList<ScaleJobVersion> Versions)
{
    public string Executor => OnAirflow ? "airflow" : "local";

    public DateTime CreatedAt => Versions[0].CreatedAt;

    public ScaleJobVersion Current => Versions[^1];

    /// <summary>The version that was current at <paramref name="time"/> (the first one before it existed).</summary>
    public int VersionAt(DateTime time)
    {
        var version = 1;
        foreach (var candidate in Versions)
        {
            if (candidate.CreatedAt <= time)
            {
                version = candidate.Number;
            }
        }

        return version;
    }
}
