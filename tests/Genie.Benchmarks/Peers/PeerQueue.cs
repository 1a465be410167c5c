using System.Text.Json;
using Genie.Benchmarks.Harness;

namespace Genie.Benchmarks.Peers;

/// <summary>A PostgreSQL job queue from npm that Genie is measured against, with the database its runs own.</summary>
/// <param name="Package">The npm package, also the module `peer-queues/run.mjs` is asked to measure.</param>
/// <param name="Database">Its database on the run's cluster, recreated for every round.</param>
public sealed record PeerQueue(string Package, string Database)
{
    public static IReadOnlyList<PeerQueue> All { get; } =
    [
        new("graphile-worker", "peer_graphile"),
        new("pg-boss", "peer_pgboss"),
    ];

    /// <summary>The folder with the peers' package.json, their node_modules and the measuring scripts.</summary>
    public static string Folder => Path.Combine(Repository.BenchmarksDir, "peer-queues");

    /// <summary>"name version" as installed, so the table names what was actually measured, not what was meant to be pinned.</summary>
    public string Subject()
    {
        var manifest = Path.Combine(Folder, "node_modules", Package, "package.json");
        if (!File.Exists(manifest))
        {
            throw new InvalidOperationException($"{Package} is not installed in {Folder}; run `make peers`.");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        return $"{Package} {document.RootElement.GetProperty("version").GetString()}";
    }
}
