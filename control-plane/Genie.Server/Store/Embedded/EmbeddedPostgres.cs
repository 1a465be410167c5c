using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Genie.Server.Store.Embedded;

/// <summary>
/// A private PostgreSQL cluster for Genie's data dir (where it lives: <see cref="ClusterLocation"/>): created
/// on first start, reused afterwards, bound to 127.0.0.1 on a free port and protected by a generated password.
/// </summary>
public sealed class EmbeddedPostgres
{
    private const string SuperUser = "genie";
    private const string PasswordFileName = "postgres.secret";

    private readonly PostgresBinaries _binaries;
    private readonly ILogger _logger;
    private readonly string _password;

    private EmbeddedPostgres(PostgresBinaries binaries, ClusterLocation location, string password, int port, ILogger logger)
    {
        _binaries = binaries;
        Location = location;
        _password = password;
        Port = port;
        _logger = logger;
    }

    /// <summary>TCP port of the running cluster on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Where the cluster lives: inside the data dir, or outside it when the `postgres` account cannot reach it.</summary>
    public ClusterLocation Location { get; }

    /// <summary>The cluster's data directory (PGDATA).</summary>
    public string ClusterDir => Location.DataDirectory;

    /// <summary>Creates the cluster if needed and starts it, or attaches to it when a previous Genie left it running.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(
        string dataDir, PostgresBinaries binaries, ILogger logger, CancellationToken cancellationToken)
    {
        var fullDataDir = Path.GetFullPath(dataDir);
        var location = await ClusterLocation.ChooseAsync(fullDataDir, cancellationToken);
        if (location.IsRelocated)
        {
            // One line that says where, since `rm -rf .genie` no longer removes the cluster.
            logger.LogInformation(
                "The embedded PostgreSQL cluster lives in {ClusterRoot}, outside the data dir {DataDir} (the postgres user could not " +
                "enter it when the cluster was created); Genie's own files stay in the data dir",
                location.Root, fullDataDir);
        }
        else
        {
            logger.LogInformation("The embedded PostgreSQL cluster lives in {ClusterRoot}", location.Root);
        }

        var password = await ReadOrCreatePasswordAsync(fullDataDir, location, cancellationToken);
        if (!location.HoldsCluster)
        {
            await InitializeAsync(binaries, location, password, logger, cancellationToken);
        }

        var cluster = location.DataDirectory;
        var port = RunningPort(cluster);
        if (port is not null && (await ClusterAccount.RunAsync(binaries.PgCtl, ["status", "-D", cluster], cancellationToken)).Succeeded)
        {
            logger.LogInformation("Attached to the embedded PostgreSQL already running on port {Port}", port);
            return new EmbeddedPostgres(binaries, location, password, port.Value, logger);
        }

        var freePort = FreeLoopbackPort();
        var started = await ClusterAccount.RunAsync(binaries.PgCtl,
            ["start", "-D", cluster, "-l", location.LogFile, "-w", "-t", "120", "-s",
             "-o", $"-c port={freePort} -c listen_addresses=127.0.0.1 -c unix_socket_directories="],
            cancellationToken);
        if (!started.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"The embedded PostgreSQL in {cluster} did not start ({started.Output}); its log {location.LogFile} says why.");
        }

        logger.LogInformation("Started the embedded PostgreSQL in {Cluster} on port {Port}", cluster, freePort);
        return new EmbeddedPostgres(binaries, location, password, freePort, logger);
    }

    /// <summary>
    /// Stops the data dir's cluster if it runs and deletes the cluster's folder, wherever it lives (a
    /// relocated cluster is not removed with the data dir). The data dir itself is left to the caller.
    /// </summary>
    public static async Task DeleteAsync(string dataDir, PostgresBinaries binaries, CancellationToken cancellationToken)
    {
        foreach (var location in new[] { ClusterLocation.InPlace(dataDir), ClusterLocation.Relocated(dataDir) })
        {
            if (!Directory.Exists(location.Root))
            {
                continue;
            }

            if (File.Exists(Path.Combine(location.DataDirectory, "postmaster.pid")))
            {
                // A stale pid file (the cluster died with the machine) makes this fail, which is fine: nothing runs.
                await ClusterAccount.RunAsync(binaries.PgCtl, ["stop", "-D", location.DataDirectory, "-m", "fast", "-w", "-t", "60", "-s"], cancellationToken);
            }

            Directory.Delete(location.Root, recursive: true);
        }
    }

    /// <summary>Connection string for one database of the cluster.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Password = _password,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates the database unless it exists and returns its connection string.</summary>
    public async Task<string> EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection);
        exists.Parameters.Add(new NpgsqlParameter { Value = database });
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            await using var create = new NpgsqlCommand($"create database {QuoteIdentifier(database)}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return ConnectionStringFor(database);
    }

    /// <summary>Drops a database, closing whatever sessions still use it.</summary>
    public async Task DropDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var drop = new NpgsqlCommand($"drop database if exists {QuoteIdentifier(database)} with (force)", connection);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Stops the cluster, letting sessions finish their current statement ("fast" shutdown).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        var stopped = await ClusterAccount.RunAsync(_binaries.PgCtl, ["stop", "-D", ClusterDir, "-m", "fast", "-w", "-t", "60", "-s"], cancellationToken);
        if (stopped.Succeeded)
        {
            _logger.LogInformation("Stopped the embedded PostgreSQL");
        }
        else
        {
            _logger.LogWarning("Stopping the embedded PostgreSQL failed: {Output}", stopped.Output);
        }
    }

    private static async Task InitializeAsync(
        PostgresBinaries binaries, ClusterLocation location, string password, ILogger logger, CancellationToken cancellationToken)
    {
        var cluster = location.DataDirectory;
        if (Directory.Exists(cluster) && Directory.EnumerateFileSystemEntries(cluster).Any())
        {
            throw new EmbeddedPostgresException(
                $"{cluster} exists but holds no PostgreSQL cluster (no PG_VERSION); move it away and start again.");
        }

        // initdb reads the superuser password from a file; it lives only for the duration of initdb.
        Directory.CreateDirectory(location.Root);
        var passwordFile = Path.Combine(location.Root, "initdb.pw");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        OwnerOnly(passwordFile);
        try
        {
            await ClusterAccount.TakeOverAsync(location.Root, cancellationToken);
            if (!await ClusterAccount.CanEnterAsync(location.Root, cancellationToken))
            {
                throw new EmbeddedPostgresException(
                    $"Genie runs as root, so the embedded PostgreSQL runs as the `{ClusterAccount.ServiceAccount}` user, who cannot reach " +
                    $"{location.Root}: let it through every folder above (chmod o+x) or choose another Genie:DataDir.");
            }

            logger.LogInformation("Creating the embedded PostgreSQL cluster in {Cluster}", cluster);
            var init = await ClusterAccount.RunAsync(binaries.InitDb,
                ["-D", cluster, "-U", SuperUser, "--pwfile", passwordFile, "--auth", "scram-sha-256",
                 "-E", "UTF8", "--no-locale", "--no-instructions"],
                cancellationToken);
            if (!init.Succeeded)
            {
                throw new EmbeddedPostgresException($"initdb could not create the embedded PostgreSQL cluster in {cluster}: {init.Output}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>The port recorded by a postmaster that may still be running (line 4 of postmaster.pid).</summary>
    private static int? RunningPort(string cluster)
    {
        var pidFile = Path.Combine(cluster, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3], out var port) ? port : null;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The cluster's superuser password, kept in the data dir (never beside a relocated cluster, so that
    /// only Genie's user reads it). A cluster whose password file is gone cannot be used again.
    /// </summary>
    private static async Task<string> ReadOrCreatePasswordAsync(string dataDir, ClusterLocation location, CancellationToken cancellationToken)
    {
        var file = Path.Combine(dataDir, PasswordFileName);
        if (File.Exists(file))
        {
            return (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
        }

        if (location.HoldsCluster)
        {
            throw new EmbeddedPostgresException(
                $"The embedded PostgreSQL cluster in {location.Root} was made with the password in {file}, which is gone: " +
                $"restore that file, or delete {location.Root} to start with a new, empty cluster.");
        }

        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await File.WriteAllTextAsync(file, password, cancellationToken);
        OwnerOnly(file);
        return password;
    }

    private static void OwnerOnly(string file)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
