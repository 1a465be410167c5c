using System.Security.Cryptography;
using System.Text;

namespace Genie.Server.Store.Embedded;

/// <summary>
/// Where the embedded cluster of one data dir lives: `{DataDir}/postgres`, unless the cluster's account
/// cannot reach the data dir. That happens when Genie runs as root (the cluster then runs as `postgres`)
/// in a folder only root may enter: a clone under /root or in a `mktemp -d` folder. Such a data dir's
/// cluster lives in `/var/lib/genie/{hash of the absolute data dir}` instead, owned by `postgres` and
/// private to it. /var/lib, because the cluster holds the jobs and runs, which must survive a reboot as
/// the data dir does (/tmp is emptied at boot, and /var/tmp ages out files a quiet cluster has not touched
/// for a month); the hash, so that the place is the same on every start and no other data dir shares it.
/// Genie's own files (the cluster's password, run folders, task logs) stay in the data dir.
/// </summary>
/// <param name="Root">The folder holding the cluster (`data/`) and its server log.</param>
/// <param name="RelocatedFrom">The data dir whose cluster this is, when it lives outside it.</param>
public sealed record ClusterLocation(string Root, string? RelocatedFrom)
{
    /// <summary>Where clusters of data dirs the `postgres` account cannot reach live.</summary>
    public const string RelocationBase = "/var/lib/genie";

    /// <summary>A file beside a relocated cluster naming its data dir, so a person can tell the folders apart.</summary>
    public const string DataDirNote = "genie-data-dir";

    /// <summary>The cluster's data directory (PGDATA).</summary>
    public string DataDirectory => Path.Combine(Root, "data");

    /// <summary>The log pg_ctl starts PostgreSQL with.</summary>
    public string LogFile => Path.Combine(Root, "server.log");

    /// <summary>True when the cluster lives outside its data dir.</summary>
    public bool IsRelocated => RelocatedFrom is not null;

    /// <summary>True when a cluster has been created here (initdb removes what it made when it fails).</summary>
    public bool HoldsCluster => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    /// <summary>The usual place, inside the data dir.</summary>
    public static ClusterLocation InPlace(string dataDir) => new(Path.Combine(Path.GetFullPath(dataDir), "postgres"), null);

    /// <summary>The place under <see cref="RelocationBase"/> for a data dir the `postgres` account cannot reach.</summary>
    public static ClusterLocation Relocated(string dataDir)
    {
        var fullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDir));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fullPath)))[..16];
        return new ClusterLocation(Path.Combine(RelocationBase, hash), fullPath);
    }

    /// <summary>
    /// The place that already holds the data dir's cluster, if any: inside the data dir first (where every
    /// cluster lived before relocation existed), then under <see cref="RelocationBase"/>.
    /// </summary>
    public static ClusterLocation? FindExisting(string dataDir) =>
        new[] { InPlace(dataDir), Relocated(dataDir) }.FirstOrDefault(location => location.HoldsCluster);

    /// <summary>
    /// Decides where the data dir's cluster lives: where it already is, else inside the data dir when the
    /// cluster's account can reach it, else under <see cref="RelocationBase"/>. A cluster stays where it was
    /// created even if the folders' permissions change later, so its jobs never seem to vanish.
    /// </summary>
    public static async Task<ClusterLocation> ChooseAsync(string dataDir, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(fullPath);
        await ClusterAccount.RequireAsync(cancellationToken);

        if (FindExisting(fullPath) is { } existing)
        {
            if (!await ClusterAccount.CanEnterAsync(existing.Root, cancellationToken))
            {
                var relocated = Relocated(fullPath);
                throw new EmbeddedPostgresException(
                    $"The embedded PostgreSQL cluster in {existing.Root} was created while the `{ClusterAccount.ServiceAccount}` user " +
                    "could reach it, and now it cannot: let that user through every folder above it (chmod o+x), or move the stopped " +
                    $"cluster where Genie looks next (`mkdir -p {RelocationBase} && mv {existing.Root} {relocated.Root}`).");
            }

            return existing;
        }

        return await ClusterAccount.CanEnterAsync(fullPath, cancellationToken)
            ? InPlace(fullPath)
            : await PrepareRelocatedAsync(fullPath, cancellationToken);
    }

    private static async Task<ClusterLocation> PrepareRelocatedAsync(string dataDir, CancellationToken cancellationToken)
    {
        var location = Relocated(dataDir);
        try
        {
            if (!Directory.Exists(RelocationBase))
            {
                // Other accounts pass through to their own clusters; each cluster folder is private to `postgres`.
                Directory.CreateDirectory(RelocationBase);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(RelocationBase, (UnixFileMode)Convert.ToInt32("755", 8));
                }
            }

            Directory.CreateDirectory(location.Root);
            await File.WriteAllTextAsync(Path.Combine(location.Root, DataDirNote), dataDir + "\n", cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EmbeddedPostgresException(
                $"The `{ClusterAccount.ServiceAccount}` user cannot reach {dataDir}, and the embedded cluster could not be put in " +
                $"{location.Root} instead ({e.Message}); choose a Genie:DataDir that user can reach.");
        }

        if (!await ClusterAccount.CanEnterAsync(RelocationBase, cancellationToken))
        {
            throw new EmbeddedPostgresException(
                $"The `{ClusterAccount.ServiceAccount}` user can reach neither {dataDir} nor {RelocationBase}: " +
                $"`chmod 755 {RelocationBase}`, or choose a Genie:DataDir that user can reach.");
        }

        return location;
    }
}
