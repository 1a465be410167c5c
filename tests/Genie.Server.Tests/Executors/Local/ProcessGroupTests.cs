using System.Globalization;
using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>Each task is its own session and process group, which recovery can probe and kill by id.</summary>
public sealed class ProcessGroupTests : IDisposable
{
    private readonly TaskSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Pid_is_the_id_of_the_tasks_own_process_group_and_session()
    {
        using var task = _sandbox.Start(_sandbox.Script("echo $$; sleep 300"));
        var program = int.Parse((await _sandbox.WaitForStdoutAsync(_ => true)).Text, CultureInfo.InvariantCulture);

        var wrapper = StatFields(task.Pid);
        wrapper.ProcessGroup.ShouldBe(task.Pid);
        wrapper.Session.ShouldBe(task.Pid);
        StatFields(program).ProcessGroup.ShouldBe(task.Pid);
        StatFields(Environment.ProcessId).ProcessGroup.ShouldNotBe(task.Pid);

        task.Cancel("test over");
        await task.Completion.WaitAsync(TaskSandbox.HangGuard);
    }

    [Fact]
    public async Task IsAlive_HasMembers_and_Kill_work_on_a_real_group()
    {
        using var task = _sandbox.Start(_sandbox.Script("sleep 300 & echo $!; sleep 300"));
        var grandchild = int.Parse((await _sandbox.WaitForStdoutAsync(_ => true)).Text, CultureInfo.InvariantCulture);
        ProcessGroup.IsAlive(task.Pid).ShouldBeTrue();
        ProcessGroup.IsAlive(grandchild).ShouldBeTrue();
        ProcessGroup.HasMembers(task.Pid).ShouldBeTrue();

        ProcessGroup.Kill(task.Pid);
        var outcome = await task.Completion.WaitAsync(TaskSandbox.HangGuard);

        outcome.ExitCode.ShouldBe(128 + 9);
        ProcessGroup.IsAlive(task.Pid).ShouldBeFalse();
        ProcessGroup.IsAlive(grandchild).ShouldBeFalse();
        ProcessGroup.HasMembers(task.Pid).ShouldBeFalse();
        Should.NotThrow(() => ProcessGroup.Terminate(task.Pid)); // a group that is gone is no error
    }

    [Fact]
    public async Task An_unreaped_zombie_does_not_count_as_alive()
    {
        // `exec sleep` leaves a parent that never waits, so the short sleep stays a zombie.
        using var task = _sandbox.Start(_sandbox.Script("sleep 0.1 & echo $!; exec sleep 300"));
        var zombie = int.Parse((await _sandbox.WaitForStdoutAsync(_ => true)).Text, CultureInfo.InvariantCulture);
        using (var guard = new CancellationTokenSource(TaskSandbox.HangGuard))
        {
            while (StatFields(zombie).State != "Z")
            {
                await Task.Delay(20, guard.Token);
            }
        }

        ProcessGroup.IsAlive(zombie).ShouldBeFalse();

        task.Cancel("test over");
        await task.Completion.WaitAsync(TaskSandbox.HangGuard);
    }

    [Fact]
    public void Ids_that_cannot_belong_to_a_task_are_never_alive()
    {
        // Only probes: a signal to these ids would hit the test host or every process on the machine.
        ProcessGroup.IsAlive(0).ShouldBeFalse();
        ProcessGroup.IsAlive(1).ShouldBeFalse();
        ProcessGroup.IsAlive(Environment.ProcessId).ShouldBeFalse();
        ProcessGroup.HasMembers(StatFields(Environment.ProcessId).ProcessGroup).ShouldBeFalse();
    }

    /// <summary>Fields 3, 5 and 6 of /proc/PID/stat, counted after the parenthesised command name.</summary>
    private static (string State, int ProcessGroup, int Session) StatFields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0], int.Parse(fields[2], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture));
    }
}
