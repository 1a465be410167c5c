namespace Genie.Benchmarks.ApiAtScale;

/// <summary>
/// The DAG of a generated job: a chain of tasks, each depending on the one before and run as a number of
/// replicas. Its instance count is how many `run_tasks` rows each started run gets.
/// </summary>
public sealed record JobShape(IReadOnlyList<(string Task, int Replicas)> Chain)
{
    /// <summary>Shapes with their share of jobs; weighted, a started run has about five task instances.</summary>
    public static IReadOnlyList<(JobShape Shape, double Share)> Catalog { get; } =
    [
        (new([("extract", 1), ("load", 1)]), 0.10),
        (new([("extract", 1), ("transform", 3), ("load", 1)]), 0.25),
        (new([("fetch", 1), ("validate", 1), ("train", 4), ("evaluate", 1), ("publish", 1)]), 0.15),
        (new([("sync", 1)]), 0.05),
        (new([("extract", 1), ("clean", 1), ("aggregate", 1), ("report", 1)]), 0.20),
        (new([("download", 2), ("merge", 1), ("upload", 1), ("notify", 1)]), 0.15),
        (new([("prepare", 1), ("shard", 8), ("combine", 1)]), 0.10),
    ];

    public int Instances => Chain.Sum(t => t.Replicas);

    public static JobShape Pick(ref SplitMix64 random)
    {
        var roll = random.Fraction();
        foreach (var (shape, share) in Catalog)
        {
            roll -= share;
            if (roll < 0)
            {
                return shape;
            }
        }

        return Catalog[^1].Shape;
    }
}
