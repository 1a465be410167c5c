using System.Globalization;
using Genie.Server.Store.Embedded;

namespace Genie.Server.Tests.Infrastructure;

/// <summary>
/// What an operator does to the embedded cluster of a running Genie with pg_ctl: stop it ("fast", so open
/// sessions are terminated with 57P01) and start it again on the port it had, so Genie's connection string
/// still points at it. Runs pg_ctl as `postgres` when the tests run as root, as Genie itself does.
/// </summary>
public sealed class OperatorPgCtl(string genieDataDir)
{
    private readonly PostgresBinaries _binaries = PostgresBinaries.Locate(null);
    private readonly string _root = Path.Combine(Path.GetFullPath(genieDataDir), "postgres");

    private string ClusterDir => Path.Combine(_root, "data");

    /// <summary>The port the running cluster listens on (line 4 of postmaster.pid).</summary>
    public int RunningPort() =>
        int.Parse(File.ReadAllLines(Path.Combine(ClusterDir, "postmaster.pid"))[3], CultureInfo.InvariantCulture);

    public Task StopFastAsync() =>
        PgCtlAsync(["stop", "-D", ClusterDir, "-m", "fast", "-w", "-t", "60", "-s"]);

    public Task StartAsync(int port) =>
        PgCtlAsync(["start", "-D", ClusterDir, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "120", "-s",
            "-o", $"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories="]);

    private async Task PgCtlAsync(IReadOnlyList<string> arguments)
    {
        var result = Environment.UserName == "root"
            ? await HostCommand.RunAsync("runuser", ["-u", "postgres", "--", _binaries.PgCtl, .. arguments], CancellationToken.None)
            : await HostCommand.RunAsync(_binaries.PgCtl, arguments, CancellationToken.None);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"pg_ctl {arguments[0]} failed ({result.ExitCode}): {result.Output}");
        }
    }
}
