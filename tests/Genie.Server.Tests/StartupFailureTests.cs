using System.Net;
using System.Net.Sockets;
using Genie.Server.Store.Embedded;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests;

/// <summary>
/// The real server process failing to start: it exits non-zero after one line on stderr that says what to
/// do, prints no stack trace, and leaves no embedded PostgreSQL running behind it.
/// </summary>
public sealed class StartupFailureTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _dataDir = TestPostgres.NewScratchDir();

    [Fact]
    public async Task PostgreSQL_binaries_that_are_not_there_are_named_with_the_setting_to_change()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dataDir, "no-binaries")).FullName;

        var failed = await ServerProcess.RunUntilExitAsync(_dataDir, Patience, new Dictionary<string, string>
        {
            ["Genie:Database:PostgresBinDir"] = empty,
        });

        ShouldHaveFailedWithOneLine(failed, $"Genie did not start: Genie:Database:PostgresBinDir points to `{empty}`, which has no pg_ctl and initdb");
        failed.ErrorOutput.ShouldContain("leave it empty to find them on PATH");
    }

    [Fact]
    public async Task A_database_that_does_not_answer_is_named_with_what_to_check()
    {
        var failed = await ServerProcess.RunUntilExitAsync(_dataDir, Patience, new Dictionary<string, string>
        {
            ["Genie:Database:ConnectionString"] = $"Host=127.0.0.1;Port={ClosedPort()};Database=genie;Username=genie;Password=none",
        });

        ShouldHaveFailedWithOneLine(failed, "Genie did not start: The database in Genie:Database:ConnectionString does not answer");
        failed.ErrorOutput.ShouldContain("Connection refused");
        failed.ErrorOutput.ShouldContain("leave it empty to use the embedded cluster");
    }

    [Fact]
    public async Task A_taken_port_is_named_and_the_embedded_cluster_started_before_it_stops_again()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var failed = await ServerProcess.RunUntilExitAsync(_dataDir, Patience, new Dictionary<string, string> { ["urls"] = address });

        ShouldHaveFailedWithOneLine(failed, $"Genie did not start: Failed to bind to address {address}: address already in use.");
        failed.ErrorOutput.ShouldContain("--urls");
        // Kestrel binds after the hosted services have started, so the cluster was up and must be down again.
        failed.Output.ShouldContain("Started the embedded PostgreSQL");
        failed.Output.ShouldContain("Stopped the embedded PostgreSQL");
        File.Exists(Path.Combine(ClusterLocation.InPlace(_dataDir).DataDirectory, "postmaster.pid")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_second_Genie_on_the_same_data_dir_is_turned_away_and_leaves_the_first_running()
    {
        await using var first = await ServerProcess.StartAsync(_dataDir, Patience);

        var second = await ServerProcess.RunUntilExitAsync(_dataDir, Patience);

        ShouldHaveFailedWithOneLine(second, $"Genie did not start: Another Genie is running with the data dir {_dataDir}");
        (await first.CreateClient().GetReadinessAsync()).Status.ShouldBe("ready");
        await first.StopAsync(Patience);
        first.ExitCode.ShouldBe(0);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestPostgres.DeleteScratchDirAsync(_dataDir);

    private static void ShouldHaveFailedWithOneLine(ServerProcess failed, string start)
    {
        failed.ExitCode.ShouldBe(1, failed.Output);
        var lines = failed.ErrorOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, failed.Output);
        lines[0].ShouldStartWith(start, Case.Sensitive, failed.Output);
        // No stack trace anywhere, not even inside a JSON log line ("\n   at ..." escaped).
        failed.Output.ShouldNotContain("   at ", Case.Sensitive);
        failed.Output.ShouldNotContain("Exception", Case.Sensitive);
    }

    /// <summary>A loopback port nothing listens on: one the system just handed out and was given back.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
