using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Genie.Server.Store.Embedded;

/// <summary>
/// A private PostgreSQL cluster under Genie's data dir: created on first start, reused afterwards,
/// bound to 127.0.0.1 on a free port and protected by a generated password.
/// </summary>
public sealed class EmbeddedPostgres
{
    private const string SuperUser = "genie";
    private const string ServiceAccount = "postgres";

    private readonly PostgresBinaries _binaries;
    private readonly ILogger _logger;
    private readonly string _root;
    private readonly string _password;

    private EmbeddedPostgres(PostgresBinaries binaries, string root, string password, int port, ILogger logger)
    {
        _binaries = binaries;
        _root = root;
        _password = password;
        Port = port;
        _logger = logger;
    }

    /// <summary>TCP port of the running cluster on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The cluster's data directory (PGDATA).</summary>
    public string ClusterDir => ClusterDirOf(_root);

    /// <summary>Creates the cluster if needed and starts it, or attaches to it when a previous Genie left it running.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(
        string dataDir, PostgresBinaries binaries, ILogger logger, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetFullPath(dataDir), "postgres");
        Directory.CreateDirectory(root);
        var password = await ReadOrCreatePasswordAsync(Path.GetFullPath(dataDir), cancellationToken);
        var cluster = ClusterDirOf(root);

        if (!File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            await InitializeAsync(binaries, root, password, logger, cancellationToken);
        }

        var port = RunningPort(cluster);
        if (port is not null && (await RunAsync(binaries.PgCtl, ["status", "-D", cluster], cancellationToken)).Succeeded)
        {
            logger.LogInformation("Attached to the embedded PostgreSQL already running on port {Port}", port);
            return new EmbeddedPostgres(binaries, root, password, port.Value, logger);
        }

        var freePort = FreeLoopbackPort();
        var started = await RunAsync(binaries.PgCtl,
            ["start", "-D", cluster, "-l", Path.Combine(root, "server.log"), "-w", "-t", "120", "-s",
             "-o", $"-c port={freePort} -c listen_addresses=127.0.0.1 -c unix_socket_directories="],
            cancellationToken);
        if (!started.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"The embedded PostgreSQL did not start (see {Path.Combine(root, "server.log")}): {started.Output}");
        }

        logger.LogInformation("Started the embedded PostgreSQL in {Cluster} on port {Port}", cluster, freePort);
        return new EmbeddedPostgres(binaries, root, password, freePort, logger);
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
        var stopped = await RunAsync(_binaries.PgCtl, ["stop", "-D", ClusterDir, "-m", "fast", "-w", "-t", "60", "-s"], cancellationToken);
        if (stopped.Succeeded)
        {
            _logger.LogInformation("Stopped the embedded PostgreSQL");
        }
        else
        {
            _logger.LogWarning("Stopping the embedded PostgreSQL failed: {Output}", stopped.Output);
        }
    }

    private static string ClusterDirOf(string root) => Path.Combine(root, "data");

    private static async Task InitializeAsync(
        PostgresBinaries binaries, string root, string password, ILogger logger, CancellationToken cancellationToken)
    {
        var cluster = ClusterDirOf(root);
        if (Directory.Exists(cluster) && Directory.EnumerateFileSystemEntries(cluster).Any())
        {
            throw new EmbeddedPostgresException(
                $"{cluster} exists but holds no PostgreSQL cluster (no PG_VERSION); move it away and start again.");
        }

        // initdb reads the superuser password from a file; it lives only for the duration of initdb.
        var passwordFile = Path.Combine(root, "initdb.pw");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        OwnerOnly(passwordFile);
        try
        {
            await HandOverToServiceAccountAsync(root, cancellationToken);
            logger.LogInformation("Creating the embedded PostgreSQL cluster in {Cluster}", cluster);
            var init = await RunAsync(binaries.InitDb,
                ["-D", cluster, "-U", SuperUser, "--pwfile", passwordFile, "--auth", "scram-sha-256",
                 "-E", "UTF8", "--no-locale", "--no-instructions"],
                cancellationToken);
            if (!init.Succeeded)
            {
                throw new EmbeddedPostgresException($"initdb failed: {init.Output}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>PostgreSQL refuses to run as root, so a root Genie gives the cluster folder to the postgres account.</summary>
    private static async Task HandOverToServiceAccountAsync(string root, CancellationToken cancellationToken)
    {
        if (!RunsAsRoot)
        {
            return;
        }

        var chown = await HostCommand.RunAsync("chown", ["-R", $"{ServiceAccount}:{ServiceAccount}", root], cancellationToken);
        if (!chown.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"Genie runs as root, so the embedded PostgreSQL must run as the `{ServiceAccount}` user, " +
                $"but giving it {root} failed: {chown.Output}");
        }

        var reachable = await HostCommand.RunAsync("runuser", ["-u", ServiceAccount, "--", "test", "-w", root], cancellationToken);
        if (!reachable.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"Genie runs as root, so the embedded PostgreSQL runs as the `{ServiceAccount}` user, who cannot reach {root}. " +
                "Let every parent folder be traversed by others (chmod o+x) or choose another Genie:DataDir.");
        }
    }

    private static bool RunsAsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static Task<HostCommand.Result> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunsAsRoot
            ? HostCommand.RunAsync("runuser", ["-u", ServiceAccount, "--", program, .. arguments], cancellationToken)
            : HostCommand.RunAsync(program, arguments, cancellationToken);

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

    private static async Task<string> ReadOrCreatePasswordAsync(string dataDir, CancellationToken cancellationToken)
    {
        var file = Path.Combine(dataDir, "postgres.secret");
        if (File.Exists(file))
        {
            return (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
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
