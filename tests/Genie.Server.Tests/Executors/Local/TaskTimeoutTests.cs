using System.Globalization;
using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>A task that runs past its timeout is stopped, together with everything it started.</summary>
public sealed class TaskTimeoutTests : IDisposable
{
    private readonly TaskSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task A_timeout_terminates_the_whole_process_group_including_grandchildren()
    {
        var launch = _sandbox.Script("sleep 300 & echo $!; sleep 300") with { Timeout = TimeSpan.FromSeconds(1) };

        var outcome = await _sandbox.RunAsync(launch);

        outcome.End.ShouldBe(ProcessEnd.TimedOut);
        outcome.Reason.ShouldBe("timed out after 1s");
        outcome.ExitCode.ShouldBe(128 + 15); // SIGTERM, recorded by the wrapper
        var grandchild = int.Parse(_sandbox.Output("stdout").ShouldHaveSingleItem(), CultureInfo.InvariantCulture);
        ProcessGroup.IsAlive(grandchild).ShouldBeFalse();
        ExitCodeFile.TryRead(_sandbox.ExitCodePath).ShouldBe(128 + 15);
        _sandbox.Output("genie").ShouldContain(l => l.StartsWith("timed out after 1s; sending SIGTERM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Timeout_grace_and_log_timestamps_follow_the_given_TimeProvider()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero));
        var launch = _sandbox.Script("trap '' TERM; echo ready; sleep 300") with
        {
            Timeout = TimeSpan.FromHours(3),
            KillGrace = TimeSpan.FromMinutes(10),
        };
        using var task = TaskProcess.Start(launch, clock);
        await _sandbox.WaitForStdoutAsync(t => t == "ready");
        clock.ArmedTimers().ShouldBe([TimeSpan.FromHours(3)]);

        clock.FireTimersDueWithin(TimeSpan.FromHours(3));
        clock.ArmedTimers().ShouldBe([TimeSpan.FromMinutes(10)]); // SIGTERM sent, which the program ignores
        clock.FireTimersDueWithin(TimeSpan.FromMinutes(10));
        var outcome = await task.Completion.WaitAsync(TaskSandbox.HangGuard);

        outcome.ShouldBe(new ProcessOutcome(ProcessEnd.TimedOut, 128 + 9, "timed out after 3h0m0s"));
        _sandbox.LogLines().ShouldAllBe(l => l.Timestamp == "2026-01-02T03:04:05.678Z");
    }

    [Fact]
    public async Task A_program_that_ends_in_time_is_not_touched()
    {
        var launch = _sandbox.Script("exit 3") with { Timeout = TimeSpan.FromMinutes(5) };

        var outcome = await _sandbox.RunAsync(launch);

        outcome.ShouldBe(new ProcessOutcome(ProcessEnd.Exited, 3, null));
    }
}
