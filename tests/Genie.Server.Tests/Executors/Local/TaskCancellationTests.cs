using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>Cancelling a running task: SIGTERM to its group, SIGKILL for whatever ignores it.</summary>
public sealed class TaskCancellationTests : IDisposable
{
    private readonly TaskSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Cancel_terminates_the_program_and_reports_the_reason()
    {
        using var task = _sandbox.Start(_sandbox.Script("echo ready; sleep 300"));
        await _sandbox.WaitForStdoutAsync(t => t == "ready");

        task.Cancel("superseded by a newer run");
        var outcome = await task.Completion.WaitAsync(TaskSandbox.HangGuard);

        outcome.ShouldBe(new ProcessOutcome(ProcessEnd.Cancelled, 128 + 15, "superseded by a newer run"));
        _sandbox.Output("genie").ShouldContain(l => l.StartsWith("cancelled: superseded by a newer run; sending SIGTERM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_program_that_ignores_SIGTERM_is_killed_once_the_grace_period_is_over()
    {
        var launch = _sandbox.Script("trap '' TERM; echo ready; sleep 300") with { KillGrace = TimeSpan.FromMilliseconds(300) };
        using var task = _sandbox.Start(launch);
        await _sandbox.WaitForStdoutAsync(t => t == "ready");

        task.Cancel("operator request");
        var outcome = await task.Completion.WaitAsync(TaskSandbox.HangGuard);

        outcome.End.ShouldBe(ProcessEnd.Cancelled);
        outcome.ExitCode.ShouldBe(128 + 9); // SIGKILL took the wrapper too
        ProcessGroup.HasMembers(task.Pid).ShouldBeFalse();
        _sandbox.Output("genie").ShouldContain(l => l.EndsWith("after SIGTERM; sending SIGKILL", StringComparison.Ordinal));

        // Nothing was left to record the code: after a crash, recovery sees no exit code for a killed attempt.
        ExitCodeFile.TryRead(_sandbox.ExitCodePath).ShouldBeNull();
    }

    [Fact]
    public async Task Cancel_after_the_program_ended_changes_nothing()
    {
        using var task = _sandbox.Start(_sandbox.Script("exit 0"));
        var outcome = await task.Completion.WaitAsync(TaskSandbox.HangGuard);

        task.Cancel("too late");

        (await task.Completion).ShouldBe(outcome);
        outcome.End.ShouldBe(ProcessEnd.Exited);
    }
}
