namespace Genie.Server.Store.Embedded;

/// <summary>The PostgreSQL server programs Genie drives to run its embedded cluster.</summary>
public sealed record PostgresBinaries(string BinDir)
{
    public string InitDb => Path.Combine(BinDir, "initdb");
    public string PgCtl => Path.Combine(BinDir, "pg_ctl");

    /// <summary>Finds the binaries: the configured folder, then PATH, then the newest Debian install.</summary>
    public static PostgresBinaries Locate(string? configuredBinDir)
    {
        if (!string.IsNullOrWhiteSpace(configuredBinDir))
        {
            return Require(configuredBinDir, "Genie:Database:PostgresBinDir");
        }

        var fromPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "pg_ctl"))
            .FirstOrDefault(File.Exists);
        if (fromPath is not null)
        {
            // pg_ctl looks for `postgres` next to its real location, so follow symlinks such as /usr/local/bin/pg_ctl.
            var real = new FileInfo(fromPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? fromPath;
            var dir = Path.GetDirectoryName(real)!;
            if (File.Exists(Path.Combine(dir, "initdb")))
            {
                return new PostgresBinaries(dir);
            }
        }

        const string debianRoot = "/usr/lib/postgresql";
        var newest = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Major: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => File.Exists(Path.Combine(d.Dir, "pg_ctl")))
                .OrderByDescending(d => d.Major)
                .Select(d => d.Dir)
                .FirstOrDefault()
            : null;
        return newest is not null
            ? new PostgresBinaries(newest)
            : throw new EmbeddedPostgresException(
                "PostgreSQL server binaries were not found (looked on PATH and under /usr/lib/postgresql). " +
                "Install Debian's `postgresql` package (`make run` does this), set Genie:Database:PostgresBinDir, " +
                "or configure Genie:Database:ConnectionString to use an existing server.");
    }

    private static PostgresBinaries Require(string dir, string setting)
    {
        var binaries = new PostgresBinaries(Path.GetFullPath(dir));
        return File.Exists(binaries.PgCtl) && File.Exists(binaries.InitDb)
            ? binaries
            : throw new EmbeddedPostgresException(
                $"{setting} points to `{dir}`, which has no pg_ctl and initdb: point it at the folder that has them " +
                "(Debian: /usr/lib/postgresql/<version>/bin), or leave it empty to find them on PATH.");
    }
}
