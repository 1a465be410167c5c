namespace Genie.Benchmarks.Harness;

/// <summary>What every benchmark gets: the run's size, the shared PostgreSQL cluster, a way to start Genie, and the table.</summary>
public sealed class BenchContext(BenchSettings settings, BenchCluster cluster, ResultTable results)
{
    public BenchSettings Settings { get; } = settings;

    public BenchCluster Cluster { get; } = cluster;

    public ResultTable Results { get; } = results;

    /// <summary>A Genie server on a fresh database <paramref name="database"/> of the cluster, with its own data folder.</summary>
    public async Task<BenchServer> StartGenieAsync(
        string database, IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        await Cluster.DropAsync(database, cancellationToken);
        var connectionString = await Cluster.DatabaseAsync(database, cancellationToken);
        var dataDir = Path.Combine(Cluster.Root, database);
        Directory.CreateDirectory(dataDir);
        return await BenchServer.StartAsync(connectionString, dataDir, settings, cancellationToken);
    }

    /// <summary>Runs <paramref name="round"/> once per round and returns each round's figures, for medians.</summary>
    public async Task<IReadOnlyList<T>> RoundsAsync<T>(Func<int, Task<T>> round)
    {
        var results = new List<T>();
        for (var i = 0; i < Settings.Rounds; i++)
        {
            results.Add(await round(i));
        }

        return results;
    }
}
