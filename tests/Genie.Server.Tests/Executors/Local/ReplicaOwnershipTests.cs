using Dapper;
using Genie.Server.Executors.Local;
using Genie.Server.Tests.Executors.LocalSemantics;
using Genie.Server.Tests.Infrastructure;
using Genie.Server.Tests.Runs;
using Npgsql;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>
/// Local attempts belong to the replica that runs them. Two real server processes on one database: a replica that
/// starts (and restarts) while the other runs a task leaves that task alone; and a crash injected right after a task's
/// process starts, before its pid reaches the database, still lets the restarted replica find and stop the process,
/// so the task never runs unwatched beside a retry.
/// </summary>
public sealed class ReplicaOwnershipTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _dirA = TestPostgres.NewScratchDir();
    private readonly string _dirB = TestPostgres.NewScratchDir();
    private TestDatabase _database = null!;

    [Fact]
    public async Task A_replica_restarting_never_touches_the_attempts_of_a_live_one()
    {
        var settings = Settings();
        using var gate = new TaskGate();
        await using var b = await ServerProcess.StartAsync(_dirB, Patience, settings);
        var client = b.CreateClient();

        // The task waits for the gate, so it is surely still running however long A's two starts take.
        await client.ApplyJobAsync("default", "long", $$"""
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: long}
            spec:
              tasks:
                - {name: work, script: "{{gate.WaitScript}}; echo finished"}
            """);
        var run = await client.TriggerRunAsync("default", "long");
        var attempt = await RunningAttemptAsync(run.Id);
        attempt.Owner.ShouldNotBeNull();

        // Replica A starts, is stopped and starts again while B's task runs: each start settles only A's own attempts.
        await using (var a = await ServerProcess.StartAsync(_dirA, Patience, settings))
        {
            await a.StopAsync(Patience);
        }

        await using (var a = await ServerProcess.StartAsync(_dirA, Patience, settings))
        {
            var still = await AttemptAsync(Guid.Parse(run.Id), 1);
            still.State.ShouldBe("running", b.Output);
            still.Owner.ShouldBe(attempt.Owner);
            still.Pid.ShouldBeNull("a running attempt's pid is in its pid file; the row gets it with the attempt's end");
            ProcessGroup.IsAlive(AttemptProcessGroup.Of(still.LogPath)!.Value).ShouldBeTrue("B's task process was stopped by A");
            gate.Open();

            var finished = await client.UntilFinishedAsync("default", run.Id);
            finished.State.ShouldBe("succeeded", b.Output + a.Output);
            finished.Tasks!.Single().Attempts.ShouldBe(1);
            a.Output.ShouldNotContain("Recovering attempt");
        }

        await using var db = new NpgsqlConnection(_database.ConnectionString);
        (await db.ExecuteScalarAsync<long>("select count(*) from replicas")).ShouldBe(2);
    }

    [Fact]
    public async Task A_crash_right_after_a_process_starts_loses_track_of_nothing()
    {
        var crashing = await ServerProcess.StartAsync(_dirA, Patience, Settings(("Genie:Local:CrashAfterProcessStart", "true")));
        var client = crashing.CreateClient();
        await client.ApplyJobAsync("default", "orphan", """
            apiVersion: genie.dev/v1
            kind: Job
            metadata: {name: orphan}
            spec:
              tasks:
                - {name: work, command: [sh, -c, "echo started >> marker; sleep 60; echo ended >> marker"]}
            """);
        var run = await client.TriggerRunAsync("default", "orphan");
        await crashing.WaitForExitAsync(Patience);
        await crashing.DisposeAsync();

        // The server died between the fork and recording the pid: the database knows the attempt but not its process.
        var orphaned = await AttemptAsync(Guid.Parse(run.Id), 1);
        orphaned.State.ShouldBe("running");
        orphaned.Pid.ShouldBeNull();
        var pidFile = PidFile.PathFor(Path.ChangeExtension(orphaned.LogPath, ".exit"));
        var pid = await UntilAsync(() => PidFile.TryRead(pidFile), "the wrapper never wrote its pid file");
        ProcessGroup.IsAlive(pid).ShouldBeTrue("the task outlives the crashed server");

        await using var restarted = await ServerProcess.StartAsync(_dirA, Patience, Settings());
        var finished = await restarted.CreateClient().UntilFinishedAsync("default", run.Id);
        finished.State.ShouldBe("failed", restarted.Output);
        finished.Tasks!.Single().Reason!.ShouldContain("its process was stopped");
        await UntilAsync(() => ProcessGroup.IsAlive(pid) ? null : (int?)1, "the orphaned task process is still alive");
        var marker = Path.Combine(_dirA, "runs", run.Id, "work", "marker");
        (await File.ReadAllLinesAsync(marker)).ShouldBe(["started"]);
    }

    private Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Genie:Database:ConnectionString"] = _database.ConnectionString,
            ["Genie:Local:KillGrace"] = "00:00:01",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task<AttemptRow> RunningAttemptAsync(string runId) =>
        await UntilAsync(async () => await AttemptAsync(Guid.Parse(runId), 1) is { State: "running" } row && AttemptProcessGroup.Of(row.LogPath) is not null ? row : null,
            "the attempt never started");

    private async Task<AttemptRow> AttemptAsync(Guid runId, int attempt)
    {
        await using var db = new NpgsqlConnection(_database.ConnectionString);
        return await db.QuerySingleAsync<AttemptRow>(
            "select state, owner, pid, log_path as logpath from task_attempts where run_id = @runId and attempt = @attempt",
            new { runId, attempt });
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string failure) where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (InvalidOperationException)
            {
                // No row yet.
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, failure);
            await Task.Delay(100);
        }
    }

    private static async Task<int> UntilAsync(Func<int?> probe, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, failure);
            await Task.Delay(100);
        }
    }

    private sealed record AttemptRow(string State, string? Owner, int? Pid, string LogPath);

    public async Task InitializeAsync() => _database = await TestPostgres.CreateDatabaseAsync(nameof(ReplicaOwnershipTests));

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_dirA, recursive: true);
        Directory.Delete(_dirB, recursive: true);
    }
}
