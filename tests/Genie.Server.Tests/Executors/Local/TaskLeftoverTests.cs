using System.Globalization;
using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>Processes a program leaves behind can neither leak nor keep its attempt from completing.</summary>
public sealed class TaskLeftoverTests : IDisposable
{
    private readonly TaskSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Background_processes_left_in_the_group_are_terminated_when_the_program_exits()
    {
        var outcome = await _sandbox.RunAsync(_sandbox.Script("sleep 300 & echo $!; exit 0"));

        outcome.ShouldBe(new ProcessOutcome(ProcessEnd.Exited, 0, null));
        var leftover = int.Parse(_sandbox.Output("stdout").ShouldHaveSingleItem(), CultureInfo.InvariantCulture);
        ProcessGroup.IsAlive(leftover).ShouldBeFalse();
        _sandbox.Output("genie").ShouldContain(l => l.StartsWith("the program exited but left processes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_process_that_escaped_the_group_with_setsid_cannot_hold_the_attempt_open_through_the_pipes()
    {
        // The marker file shows the escape is complete before the program exits.
        var outcome = await _sandbox.RunAsync(_sandbox.Script(
            "setsid sh -c 'touch escaped; exec sleep 300' & echo $!; while [ ! -e escaped ]; do sleep 0.01; done; echo done"));

        var escaped = int.Parse(_sandbox.Output("stdout")[0], CultureInfo.InvariantCulture);
        try
        {
            outcome.ShouldBe(new ProcessOutcome(ProcessEnd.Exited, 0, null));
            _sandbox.Output("stdout").ShouldContain("done");
            _sandbox.Output("genie").ShouldContain(l => l.StartsWith("output pipes are still open", StringComparison.Ordinal));
            ProcessGroup.IsAlive(escaped).ShouldBeTrue(); // out of reach by design; it is its own group now
        }
        finally
        {
            ProcessGroup.Kill(escaped);
        }
    }
}
