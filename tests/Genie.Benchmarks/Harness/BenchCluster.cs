using Genie.Server.Store.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace Genie.Benchmarks.Harness;

/// <summary>
/// The one PostgreSQL cluster of a benchmark run (Genie's embedded launcher, under the output folder):
/// Genie and the peers each get a database on it, so they are measured on the same server.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly EmbeddedPostgres _postgres;

    private BenchCluster(EmbeddedPostgres postgres, string root)
    {
        _postgres = postgres;
        Root = root;
    }

    /// <summary>The run's scratch folder (the cluster lives in `postgres/` under it when the `postgres` user can reach it).</summary>
    public string Root { get; }

    public static async Task<BenchCluster> StartAsync(CancellationToken cancellationToken)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "bench-data", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root, (UnixFileMode)Convert.ToInt32("755", 8));
        }

        var postgres = await EmbeddedPostgres.StartAsync(root, PostgresBinaries.Locate(null), NullLogger.Instance, cancellationToken);
        return new BenchCluster(postgres, root);
    }

    /// <summary>A connection string to <paramref name="database"/>, created empty if it does not exist.</summary>
    public Task<string> DatabaseAsync(string database, CancellationToken cancellationToken) =>
        _postgres.EnsureDatabaseAsync(database, cancellationToken);

    public Task DropAsync(string database, CancellationToken cancellationToken) =>
        _postgres.DropDatabaseAsync(database, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _postgres.StopAsync(CancellationToken.None);
        // The cluster lives outside Root when the `postgres` user cannot reach the checkout (a clone under /root).
        await EmbeddedPostgres.DeleteAsync(Root, PostgresBinaries.Locate(null), CancellationToken.None);
        Directory.Delete(Root, recursive: true);
    }
}
