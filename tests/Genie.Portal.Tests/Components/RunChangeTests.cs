using System.Text.Json;
using Genie.Client.Contracts;
using Genie.Portal.Runs;

namespace Genie.Portal.Tests.Components;

/// <summary>A run's history reads its events: run and task moves with their actor and reason; attempts are left out.</summary>
public sealed class RunChangeTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_run_move_names_its_states_reason_and_actor()
    {
        var change = RunChange.Of(Event("run.state_changed", new { from = "running", to = "cancelled", reason = "cancelled by key:abcd1234" }, "key:abcd1234"));

        change.ShouldBe(new RunChange(At, "run", "running → cancelled", "cancelled by key:abcd1234", "key:abcd1234"));
    }

    [Fact]
    public void A_task_move_names_the_task_and_its_replica_when_there_are_several()
    {
        RunChange.Of(Event("task.state_changed", new { task = "load", replica = 2, from = "running", to = "failed", reason = (string?)null }, "executor"))
            .ShouldBe(new RunChange(At, "task load [2]", "running → failed", null, "executor"));
        RunChange.Of(Event("task.state_changed", new { task = "load", replica = 0, from = "pending", to = "running" }, "executor"))!
            .Subject.ShouldBe("task load");
    }

    [Fact]
    public void Attempt_events_are_left_out_as_their_task_moves_say_the_same()
    {
        RunChange.Of(Event("attempt.started", new { task = "load", attempt = 1 }, "executor")).ShouldBeNull();
    }

    private static GenieEvent Event(string type, object payload, string actor) =>
        new(1, type, new EventAggregate("run", "0b4c7a2e-1d55-4a3c-9d0e-0c6b1a3e7f10"), At, actor, 1, JsonSerializer.SerializeToElement(payload));
}
