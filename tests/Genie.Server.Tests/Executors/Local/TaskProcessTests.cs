using System.Globalization;
using System.Text.RegularExpressions;
using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>Running a program to its end: exit codes, captured output, working directory, stdin, launch failures.</summary>
public sealed class TaskProcessTests : IDisposable
{
    private readonly TaskSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(42)]
    public async Task The_exit_code_of_the_program_is_reported(int code)
    {
        var outcome = await _sandbox.RunAsync(_sandbox.Script($"exit {code}"));

        outcome.ShouldBe(new ProcessOutcome(ProcessEnd.Exited, code, null));
    }

    [Fact]
    public async Task Stdout_and_stderr_lines_are_logged_with_utc_millisecond_timestamps_and_stream_names()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await _sandbox.RunAsync(_sandbox.Script("echo out one; echo err one >&2; echo; printf 'no newline at the end'"));
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        var lines = _sandbox.LogLines();
        lines.Select(l => (l.Stream, l.Text)).ShouldBe(
            [("stdout", "out one"), ("stderr", "err one"), ("stdout", ""), ("stdout", "no newline at the end")],
            ignoreOrder: true);
        foreach (var line in lines)
        {
            line.Timestamp.ShouldMatch(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$");
            var at = DateTimeOffset.Parse(line.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            at.ShouldBeInRange(before, after);
        }
    }

    [Fact]
    public async Task Lines_of_one_stream_keep_their_order()
    {
        await _sandbox.RunAsync(_sandbox.Script("i=1; while [ $i -le 500 ]; do echo $i; i=$((i+1)); done"));

        _sandbox.Output("stdout").ShouldBe(Enumerable.Range(1, 500).Select(i => i.ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_program_that_does_not_exist_exits_with_127_and_says_so_on_stderr()
    {
        var outcome = await _sandbox.RunAsync(_sandbox.Launch("genie-no-such-program", "arg"));

        outcome.ShouldBe(new ProcessOutcome(ProcessEnd.Exited, 127, null));
        _sandbox.Output("stderr").ShouldHaveSingleItem().ShouldContain("genie-no-such-program: not found");
    }

    [Fact]
    public async Task The_working_directory_is_created_and_the_program_starts_in_it()
    {
        Directory.Exists(_sandbox.WorkingDirectory).ShouldBeFalse();

        await _sandbox.RunAsync(_sandbox.Launch("pwd"));

        _sandbox.Output("stdout").ShouldBe([_sandbox.WorkingDirectory]);
    }

    [Fact]
    public async Task Stdin_is_empty_so_a_program_reading_it_does_not_wait_forever()
    {
        var outcome = await _sandbox.RunAsync(_sandbox.Launch("cat"));

        outcome.ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Dispose_leaves_the_program_running_and_its_log_still_completes()
    {
        var task = _sandbox.Start(_sandbox.Script("echo ready; sleep 300") with { Timeout = TimeSpan.FromSeconds(1) });
        await _sandbox.WaitForStdoutAsync(t => t == "ready");

        task.Dispose();
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // past the timeout, which Dispose has disarmed

        ProcessGroup.IsAlive(task.Pid).ShouldBeTrue();
        ProcessGroup.Kill(task.Pid);
        (await task.Completion.WaitAsync(TaskSandbox.HangGuard)).ShouldBe(new ProcessOutcome(ProcessEnd.Exited, 128 + 9, null));
    }

    [Fact]
    public async Task A_launch_that_cannot_happen_is_reported_as_LaunchFailed_in_the_outcome_and_the_log()
    {
        var blocker = Path.Combine(_sandbox.Root, "a-file");
        await File.WriteAllTextAsync(blocker, "not a directory");
        var launch = _sandbox.Launch("true") with { WorkingDirectory = Path.Combine(blocker, "work") };

        using var task = _sandbox.Start(launch);
        var outcome = await task.Completion;

        outcome.End.ShouldBe(ProcessEnd.LaunchFailed);
        outcome.ExitCode.ShouldBeNull();
        outcome.Reason.ShouldNotBeNullOrWhiteSpace();
        task.Pid.ShouldBe(0);
        Regex.IsMatch(_sandbox.Log(), @"Z genie launch failed: ").ShouldBeTrue();
        task.Cancel("nothing to cancel"); // must not throw
    }
}
