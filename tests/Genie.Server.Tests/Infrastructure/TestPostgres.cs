using Genie.Server.Store.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace Genie.Server.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL cluster per test process, started with Genie's own embedded launcher in the test
/// output folder (`test-data/PID`). Test runs side by side never share (and never stop) each other's
/// cluster; clusters of test processes that are gone are stopped and removed by the next run. The cluster runs with
/// `wal_level=logical`, so the CDC tests can read the WAL as Debezium does.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<EmbeddedPostgres>> Cluster = new(StartAsync);

    /// <summary>A fresh, empty database for one test class.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(string owner)
    {
        var cluster = await Cluster.Value;
        var prefix = new string(owner.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30).ToArray());
        var name = $"t_{prefix}_{Guid.NewGuid().ToString("N")[..12]}";
        var connectionString = await cluster.EnsureDatabaseAsync(name, CancellationToken.None);
        return new TestDatabase(cluster, name, connectionString);
    }

    /// <summary>A folder other accounts can traverse (the embedded cluster runs as `postgres` when tests run as root).</summary>
    public static string NewScratchDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "genie-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir, (UnixFileMode)Convert.ToInt32("755", 8));
        }

        return dir;
    }

    /// <summary>
    /// Stops a cluster a failed test left running in a scratch dir and deletes it, also when it lives outside
    /// the dir (a data dir the `postgres` user cannot reach has its cluster under /var/lib/genie), then the dir.
    /// </summary>
    public static async Task DeleteScratchDirAsync(string dataDir)
    {
        await EmbeddedPostgres.DeleteAsync(dataDir, PostgresBinaries.Locate(null), CancellationToken.None);
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<EmbeddedPostgres> StartAsync()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "test-data");
        Directory.CreateDirectory(root);
        foreach (var leftover in Directory.GetDirectories(root).Where(dir => IsGoneProcess(Path.GetFileName(dir))))
        {
            await DeleteScratchDirAsync(leftover);
        }

        var dataDir = Path.Combine(root, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var cluster = await EmbeddedPostgres.StartAsync(dataDir, PostgresBinaries.Locate(null), NullLogger.Instance, CancellationToken.None);
        if (!await HasLogicalWalAsync(cluster))
        {
            // wal_level only changes with a restart; ALTER SYSTEM keeps it in the cluster's postgresql.auto.conf.
            await ExecuteAsync(cluster, "alter system set wal_level = logical");
            await cluster.StopAsync(CancellationToken.None);
            cluster = await EmbeddedPostgres.StartAsync(dataDir, PostgresBinaries.Locate(null), NullLogger.Instance, CancellationToken.None);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        return cluster;
    }

    private static async Task<bool> HasLogicalWalAsync(EmbeddedPostgres cluster)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var show = new Npgsql.NpgsqlCommand("show wal_level", connection);
        return (string?)await show.ExecuteScalarAsync() == "logical";
    }

    private static async Task ExecuteAsync(EmbeddedPostgres cluster, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static bool IsGoneProcess(string name) =>
        int.TryParse(name, out var pid) && !Directory.Exists($"/proc/{pid}");
}
