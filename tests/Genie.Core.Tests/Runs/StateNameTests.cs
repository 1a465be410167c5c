using Genie.Core.Runs;

namespace Genie.Core.Tests.Runs;

public class StateNameTests
{
    // The wire names as DESIGN.md lists them, in its order; stored rows and the API use exactly these.
    private static readonly string[] RunWireNames = ["queued", "running", "suspended", "succeeded", "failed", "cancelled", "skipped"];

    private static readonly string[] TaskWireNames =
        ["pending", "queued", "running", "retrying", "succeeded", "failed", "skipped", "upstream_failed", "cancelled"];

    public class RunStateNames
    {
        [Fact]
        public void Every_run_state_has_its_documented_wire_name() =>
            Enum.GetValues<RunState>().Select(s => s.ToWire()).ShouldBe(RunWireNames);

        [Fact]
        public void The_listed_wire_names_match_the_states() =>
            RunStates.AllWireNames.ShouldBe(string.Join(", ", RunWireNames));

        [Fact]
        public void Every_wire_name_parses_back_to_its_state()
        {
            foreach (var state in Enum.GetValues<RunState>())
            {
                RunStates.Parse(state.ToWire()).ShouldBe(state);
                RunStates.TryParse(state.ToWire(), out var parsed).ShouldBeTrue();
                parsed.ShouldBe(state);
            }
        }

        [Theory]
        [InlineData("Succeeded")]
        [InlineData("SUCCEEDED")]
        [InlineData(" succeeded")]
        [InlineData("success")]
        [InlineData("")]
        [InlineData(null)]
        public void Anything_but_an_exact_wire_name_is_rejected(string? wire) =>
            RunStates.TryParse(wire, out _).ShouldBeFalse();

        [Fact]
        public void Parse_names_the_bad_text() =>
            Should.Throw<FormatException>(() => RunStates.Parse("done")).Message.ShouldBe("`done` is not a run state");

        [Fact]
        public void Exactly_the_last_four_states_are_terminal() =>
            Enum.GetValues<RunState>().Where(s => s.IsTerminal())
                .ShouldBe([RunState.Succeeded, RunState.Failed, RunState.Cancelled, RunState.Skipped]);

        [Fact]
        public void Running_and_suspended_runs_are_active_but_queued_ones_are_not() =>
            Enum.GetValues<RunState>().Where(s => s.IsActive()).ShouldBe([RunState.Running, RunState.Suspended]);

        [Fact]
        public void An_undefined_state_has_no_wire_name() =>
            Should.Throw<ArgumentOutOfRangeException>(() => ((RunState)99).ToWire());
    }

    public class TaskStateNames
    {
        [Fact]
        public void Every_task_state_has_its_documented_wire_name() =>
            Enum.GetValues<TaskState>().Select(s => s.ToWire()).ShouldBe(TaskWireNames);

        [Fact]
        public void Every_wire_name_parses_back_to_its_state()
        {
            foreach (var state in Enum.GetValues<TaskState>())
            {
                TaskStates.Parse(state.ToWire()).ShouldBe(state);
            }
        }

        [Theory]
        [InlineData("upstreamFailed")]
        [InlineData("UpstreamFailed")]
        [InlineData("upstream-failed")]
        [InlineData("Failed")]
        [InlineData("")]
        public void Anything_but_an_exact_wire_name_is_rejected(string wire) =>
            Should.Throw<FormatException>(() => TaskStates.Parse(wire)).Message.ShouldBe($"`{wire}` is not a task state");

        [Fact]
        public void Finished_states_are_terminal() =>
            Enum.GetValues<TaskState>().Where(s => s.IsTerminal()).ShouldBe(
                [TaskState.Succeeded, TaskState.Failed, TaskState.Skipped, TaskState.UpstreamFailed, TaskState.Cancelled]);

        [Fact]
        public void Only_succeeded_and_skipped_count_as_success() =>
            Enum.GetValues<TaskState>().Where(s => s.IsSuccessLike()).ShouldBe([TaskState.Succeeded, TaskState.Skipped]);

        [Fact]
        public void An_undefined_state_has_no_wire_name() =>
            Should.Throw<ArgumentOutOfRangeException>(() => ((TaskState)99).ToWire());
    }
}
