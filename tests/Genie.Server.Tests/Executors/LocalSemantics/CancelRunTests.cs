using Genie.Client;
using Genie.Server.Executors.Local;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>Cancelling a run: its processes are stopped and nothing else of it starts.</summary>
public sealed class CancelRunTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "cancel");

    [Fact]
    public async Task Cancelling_a_running_run_stops_its_process_and_everything_waiting()
    {
        await _bench.ApplyAsync("long", """
            - name: sleepy
              command: [sleep, "30"]
            - name: after
              dependsOn: [sleepy]
              command: [echo, never]
            """);
        var run = await _bench.TriggerAsync("long");
        await _bench.Client.UntilRunningAsync(run, "sleepy");
        var group = await _bench.ProcessGroupAsync(run, "sleepy");

        var answer = await _bench.Client.CancelRunAsync(_bench.Namespace, run.Id);

        answer.State.ShouldBe("cancelled");
        answer.Reason.ShouldBe("cancelled by request");
        (await _bench.Client.UntilAttemptClosedAsync(run, "sleepy")).State.ShouldBe("cancelled");
        var closed = await _bench.Client.GetRunAsync(_bench.Namespace, run.Id);
        closed.State.ShouldBe("cancelled");
        closed.FinishedAt.ShouldNotBeNull();
        closed.Instance("sleepy").State.ShouldBe("cancelled");
        closed.Instance("after").State.ShouldBe("cancelled");
        closed.Instance("after").History.ShouldBeEmpty();
        ProcessGroup.HasMembers(group).ShouldBeFalse();
        (await _bench.Client.GetTaskLogAsync(_bench.Namespace, run.Id, "sleepy")).ShouldContain("cancelled: ");
    }

    [Fact]
    public async Task Cancelling_a_queued_run_means_it_never_starts()
    {
        // The run waits behind a concurrency limit until the gate opens, so it is surely still queued when cancelled.
        using var gate = new TaskGate();
        await _bench.ApplyAsync("one-at-a-time", $"""
            - name: work
              script: "{gate.WaitScript}"
            """, "concurrency: {maxActiveRuns: 1, onConflict: queue}");
        var holder = await _bench.TriggerAsync("one-at-a-time");
        await _bench.Client.UntilRunningAsync(holder, "work");
        var run = await _bench.TriggerAsync("one-at-a-time");

        var cancelled = await _bench.Client.CancelRunAsync(_bench.Namespace, run.Id);

        cancelled.State.ShouldBe("cancelled");
        gate.Open();
        (await _bench.Client.UntilFinishedAsync(holder)).State.ShouldBe("succeeded");
        await Task.Delay(TimeSpan.FromSeconds(1)); // past a poll of the executor, which now has room for it
        var later = await _bench.Client.GetRunAsync(_bench.Namespace, run.Id);
        later.State.ShouldBe("cancelled");
        later.StartedAt.ShouldBeNull();
        later.Tasks.ShouldBeEmpty();
    }

    [Fact]
    public async Task Cancelling_a_finished_run_is_a_conflict()
    {
        await _bench.ApplyAsync("quick", "- {name: work, command: [echo, done]}");
        var run = await _bench.RunAsync("quick");

        var error = await Should.ThrowAsync<GenieApiException>(() => _bench.Client.CancelRunAsync(_bench.Namespace, run.Id));

        error.StatusCode.ShouldBe(409);
        error.Problem.Detail!.ShouldContain("already succeeded");
        (await _bench.Client.GetRunAsync(_bench.Namespace, run.Id)).State.ShouldBe("succeeded");
    }
}
