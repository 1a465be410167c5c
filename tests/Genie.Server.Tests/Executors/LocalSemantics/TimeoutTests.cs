using Genie.Server.Executors.Local;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>timeout: on a task it limits each attempt; on the spec it limits the whole run.</summary>
public sealed class TimeoutTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "timeouts");

    [Fact]
    public async Task A_task_timeout_kills_the_attempt_and_its_process_group()
    {
        await _bench.ApplyAsync("slow-task", """
            - name: slow
              timeout: 1s
              script: 'sleep 30 & sleep 30'
            """);
        var run = await _bench.TriggerAsync("slow-task");
        var group = await _bench.ProcessGroupAsync(run, "slow");

        var finished = await _bench.Client.UntilFinishedAsync(run);

        finished.State.ShouldBe("failed", finished.Describe());
        var task = finished.Instance("slow");
        task.State.ShouldBe("failed");
        task.Reason.ShouldBe("timed out after 1s");
        var attempt = task.History.ShouldHaveSingleItem();
        attempt.State.ShouldBe("failed");
        attempt.Reason.ShouldNotBeNull().ShouldContain("timed out");
        attempt.ExitCode.ShouldBe(128 + 15);
        ProcessGroup.HasMembers(group).ShouldBeFalse();
        (await _bench.Client.GetTaskLogAsync(_bench.Namespace, run.Id, "slow")).ShouldContain("timed out after 1s; sending SIGTERM");
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried_by_policy()
    {
        await _bench.ApplyAsync("slow-then-fast", """
            - name: eventually
              timeout: 1s
              retry: {limit: 1, delay: 100ms}
              script: '[ "$GENIE_ATTEMPT" = 2 ] || sleep 30'
            """);

        var run = await _bench.RunAsync("slow-then-fast");

        run.State.ShouldBe("succeeded", run.Describe());
        run.Instance("eventually").History.Select(a => a.State).ShouldBe(["failed", "succeeded"]);
        run.Instance("eventually").History[0].Reason.ShouldBe("timed out after 1s; retry 1 of 1 in 100ms");
    }

    [Fact]
    public async Task A_run_timeout_fails_the_run_and_cancels_what_is_running_and_waiting()
    {
        await _bench.ApplyAsync("slow-run", """
            - name: quick
              command: [echo, done]
            - name: slow
              command: [sleep, "30"]
            - name: later
              dependsOn: [slow]
              command: [echo, never]
            """, "timeout: 3s");
        var run = await _bench.TriggerAsync("slow-run");
        var group = await _bench.ProcessGroupAsync(run, "slow");

        var finished = await _bench.Client.UntilFinishedAsync(run);

        finished.State.ShouldBe("failed", finished.Describe());
        finished.Reason.ShouldBe("run timed out after 3s");
        finished.Instance("quick").State.ShouldBe("succeeded");
        finished.Instance("slow").State.ShouldBe("cancelled");
        finished.Instance("slow").Reason.ShouldBe("run timed out after 3s");
        finished.Instance("later").State.ShouldBe("cancelled");
        finished.Instance("later").History.ShouldBeEmpty();
        // The attempt is closed once its process has been stopped.
        var attempt = await _bench.Client.UntilAttemptClosedAsync(run, "slow");
        attempt.State.ShouldBe("cancelled");
        ProcessGroup.HasMembers(group).ShouldBeFalse();
    }

    [Fact]
    public async Task A_suspended_run_still_times_out()
    {
        using var gate = new TaskGate();
        await _bench.ApplyAsync("paused-too-long", $"""
            - name: hold
              script: "{gate.WaitScript}"
            - name: later
              dependsOn: [hold]
              command: [echo, never]
            """, "timeout: 3s");
        var run = await _bench.TriggerAsync("paused-too-long");
        await _bench.Client.UntilRunningAsync(run, "hold");

        await _bench.Client.SuspendRunAsync(_bench.Namespace, run.Id);

        var finished = await _bench.Client.UntilFinishedAsync(run);
        finished.State.ShouldBe("failed", finished.Describe());
        finished.Reason.ShouldBe("run timed out after 3s");
        finished.Instance("hold").State.ShouldBe("cancelled");
        finished.Instance("later").State.ShouldBe("cancelled");
    }
}
