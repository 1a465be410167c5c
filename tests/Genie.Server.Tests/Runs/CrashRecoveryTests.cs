using Dapper;
using Genie.Server.Executors.Local;
using Genie.Server.Store.Embedded;
using Microsoft.Extensions.Logging.Abstractions;
using Genie.Server.Tests.Infrastructure;
using Npgsql;

namespace Genie.Server.Tests.Runs;

/// <summary>
/// kill -9 of the real server process with a run in flight, then a restart on the same data dir:
/// the run finishes, an attempt that ended while Genie was down keeps its result, an attempt whose
/// process outlived Genie is stopped and retried by policy, and nothing that finished runs again.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const string Spec = """
        apiVersion: genie.dev/v1
        kind: Job
        metadata: {name: crashy}
        spec:
          tasks:
            - name: quick
              command: [echo, quick]
            - name: finisher
              dependsOn: [quick]
              command: [sleep, "3"]
            - name: inflight
              dependsOn: [quick]
              retry: {limit: 1, delay: 100ms}
              script: |
                if [ -f inflight.marker ]; then exit 0; fi
                touch inflight.marker
                sleep 60
            - name: after
              dependsOn: [finisher, inflight]
              command: [echo, after]
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _dataDir = TestPostgres.NewScratchDir();

    [Fact]
    public async Task A_crash_mid_run_loses_nothing_and_repeats_nothing_finished()
    {
        string runId;
        int inflightPid;
        await using (var first = await ServerProcess.StartAsync(_dataDir, Patience))
        {
            var client = first.CreateClient();
            await client.ApplyJobAsync("default", "crashy", Spec);
            runId = (await client.TriggerRunAsync("default", "crashy")).Id;
            await client.UntilAsync("default", runId,
                r => r.StateOf("finisher") == "running" && r.StateOf("inflight") == "running", "running both middle tasks");
            inflightPid = await WaitForPidAsync(runId, "inflight");

            await first.CrashAsync();
        }

        ProcessGroup.IsAlive(inflightPid).ShouldBeTrue("the task process outlives a crashed Genie");
        await Task.Delay(TimeSpan.FromSeconds(4)); // `finisher` (sleep 3) ends while Genie is down

        await using var second = await ServerProcess.StartAsync(_dataDir, Patience);
        var run = await second.CreateClient().UntilFinishedAsync("default", runId);

        run.State.ShouldBe("succeeded");
        run.TaskNamed("quick").Attempts.ShouldBe(1);
        var finisher = run.TaskNamed("finisher");
        finisher.Attempts.ShouldBe(1);
        finisher.History.Single().ExitCode.ShouldBe(0);
        var inflight = run.TaskNamed("inflight");
        inflight.History.Select(a => a.State).ShouldBe(["failed", "succeeded"]);
        inflight.History[0].Reason!.ShouldContain("restarted");
        ProcessGroup.IsAlive(inflightPid).ShouldBeFalse();
        run.TaskNamed("after").Attempts.ShouldBe(1);
        second.Output.ShouldContain("Attached to the embedded PostgreSQL already running");
        await second.StopAsync(Patience);
    }

    /// <summary>The attempt's process group, from its wrapper's pid file (found through the attempt's log path in the database).</summary>
    private async Task<int> WaitForPidAsync(string runId, string task)
    {
        // Attaches to the cluster the server runs (it is already up), to read what the API does not show.
        var cluster = await EmbeddedPostgres.StartAsync(_dataDir, PostgresBinaries.Locate(null), NullLogger.Instance, CancellationToken.None);
        await using var connection = new NpgsqlConnection(cluster.ConnectionStringFor("genie"));
        for (var i = 0; i < 600; i++)
        {
            var logPath = await connection.ExecuteScalarAsync<string?>(
                "select log_path from task_attempts where run_id = @run and task_name = @task and attempt = 1",
                new { run = Guid.Parse(runId), task });
            if (logPath is not null && AttemptProcessGroup.Of(logPath) is { } pid)
            {
                return pid;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"attempt 1 of {task} never recorded a pid");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestPostgres.DeleteScratchDirAsync(_dataDir);
}
