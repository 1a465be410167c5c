using Genie.Client;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.LocalSemantics;

/// <summary>Suspending a run: attempts already running finish, no new task starts until it is resumed.</summary>
public sealed class SuspendResumeTests(GenieApp app) : IClassFixture<GenieApp>
{
    private readonly JobBench _bench = new(app, "suspend");

    /// <summary>Long enough for the executor to have acted on anything it was going to do (it polls every 0.5 s).</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task A_suspended_running_run_lets_the_running_task_finish_and_starts_nothing_new()
    {
        using var gate = new TaskGate();
        await _bench.ApplyAsync("paused", $"""
            - name: first
              script: "{gate.WaitScript}"
            - name: second
              dependsOn: [first]
              command: [echo, second]
            """);
        var run = await _bench.TriggerAsync("paused");
        await _bench.Client.UntilRunningAsync(run, "first");

        var suspended = await _bench.Client.SuspendRunAsync(_bench.Namespace, run.Id);
        gate.Open();

        suspended.State.ShouldBe("suspended");
        var firstDone = await _bench.Client.UntilAsync(run, r => r.Instance("first").State == "succeeded", "done with first");
        firstDone.State.ShouldBe("suspended");
        await Task.Delay(Settle);
        var stillPaused = await _bench.Client.GetRunAsync(_bench.Namespace, run.Id);
        stillPaused.State.ShouldBe("suspended");
        stillPaused.Instance("second").State.ShouldBe("pending");

        var resumed = await _bench.Client.ResumeRunAsync(_bench.Namespace, run.Id);

        resumed.State.ShouldBe("running");
        var finished = await _bench.Client.UntilFinishedAsync(run);
        finished.State.ShouldBe("succeeded", finished.Describe());
        finished.Instance("second").History.Single().StartedAt.ShouldBeGreaterThan(stillPaused.Instance("first").FinishedAt!.Value);
    }

    [Fact]
    public async Task A_suspended_queued_run_is_not_started_until_resumed()
    {
        // The run waits behind a concurrency limit until the gate opens, so it is surely still queued when suspended.
        using var gate = new TaskGate();
        await _bench.ApplyAsync("held", $"""
            - name: work
              script: "{gate.WaitScript}"
            """, "concurrency: {maxActiveRuns: 1, onConflict: queue}");
        var holder = await _bench.TriggerAsync("held");
        await _bench.Client.UntilRunningAsync(holder, "work");
        var run = await _bench.TriggerAsync("held");

        (await _bench.Client.SuspendRunAsync(_bench.Namespace, run.Id)).State.ShouldBe("suspended");
        gate.Open();
        (await _bench.Client.UntilFinishedAsync(holder)).State.ShouldBe("succeeded");
        await Task.Delay(Settle);
        var held = await _bench.Client.GetRunAsync(_bench.Namespace, run.Id);
        held.State.ShouldBe("suspended");
        held.StartedAt.ShouldBeNull();

        (await _bench.Client.ResumeRunAsync(_bench.Namespace, run.Id)).State.ShouldBe("queued");
        var finished = await _bench.Client.UntilFinishedAsync(run);
        finished.State.ShouldBe("succeeded", finished.Describe());
    }

    [Fact]
    public async Task A_retried_run_suspended_while_waiting_for_admission_goes_back_to_waiting_when_resumed()
    {
        using var gate = new TaskGate();
        await _bench.ApplyAsync("exclusive", $"""
            - name: work
              script: |
                if [ "$GENIE_PARAM_HOLD" = true ]; then {gate.WaitScript}; exit 0; fi
                [ -e fixed ]
            """, "params: {hold: {type: boolean, default: false}}\nconcurrency: {maxActiveRuns: 1, onConflict: queue}");
        var failed = await _bench.RunAsync("exclusive");
        failed.State.ShouldBe("failed", failed.Describe());
        _bench.Mark(failed, "fixed");
        var holder = await _bench.TriggerAsync("exclusive", ("hold", true));
        await _bench.Client.UntilRunningAsync(holder, "work");

        (await _bench.Client.RetryRunAsync(_bench.Namespace, failed.Id)).State.ShouldBe("queued");
        (await _bench.Client.SuspendRunAsync(_bench.Namespace, failed.Id)).State.ShouldBe("suspended");
        var resumed = await _bench.Client.ResumeRunAsync(_bench.Namespace, failed.Id);

        // The holder still runs, so the retried run must wait for admission again rather than run beside it.
        resumed.State.ShouldBe("queued");
        await Task.Delay(Settle);
        (await _bench.Client.GetRunAsync(_bench.Namespace, failed.Id)).State.ShouldBe("queued");
        gate.Open();
        var holderDone = await _bench.Client.UntilFinishedAsync(holder);
        var retried = await _bench.Client.UntilFinishedAsync(failed);
        retried.State.ShouldBe("succeeded", retried.Describe());
        retried.StartedAt!.Value.ShouldBeGreaterThanOrEqualTo(holderDone.FinishedAt!.Value);
    }

    [Fact]
    public async Task Only_live_runs_can_be_suspended_and_only_suspended_ones_resumed()
    {
        await _bench.ApplyAsync("done", "- {name: work, command: [echo, done]}");
        var run = await _bench.RunAsync("done");

        var suspend = await Should.ThrowAsync<GenieApiException>(() => _bench.Client.SuspendRunAsync(_bench.Namespace, run.Id));
        var resume = await Should.ThrowAsync<GenieApiException>(() => _bench.Client.ResumeRunAsync(_bench.Namespace, run.Id));

        suspend.StatusCode.ShouldBe(409);
        resume.StatusCode.ShouldBe(409);
    }
}
