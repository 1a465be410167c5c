using static Genie.Chaos.Harness.ChaosSnapshot;

namespace Genie.Chaos.Harness;

/// <summary>The checks themselves, on made-up snapshots: a clean run passes, and each broken invariant is named.</summary>
public sealed class ChaosInvariantsTests
{
    private const string Run = "run-1";

    private static readonly EventRow[] CleanEvents =
    [
        new(Run, "run.created", """{"state": "queued"}"""),
        new(Run, "run.state_changed", """{"from": "queued", "to": "running"}"""),
        new(Run, "task.state_changed", """{"task": "work", "replica": 0, "from": "pending", "to": "queued"}"""),
        new(Run, "attempt.started", """{"task": "work", "replica": 0, "attempt": 1}"""),
        new(Run, "task.state_changed", """{"task": "work", "replica": 0, "from": "queued", "to": "running"}"""),
        new(Run, "attempt.finished", """{"task": "work", "replica": 0, "attempt": 1}"""),
        new(Run, "task.state_changed", """{"task": "work", "replica": 0, "from": "running", "to": "succeeded"}"""),
        new(Run, "run.state_changed", """{"from": "running", "to": "succeeded"}"""),
    ];

    [Fact]
    public void A_run_that_ended_once_with_every_event_passes() =>
        Check(Snapshot(), [Line(1)]).Violations.ShouldBeEmpty();

    [Fact]
    public void A_missing_state_change_breaks_the_chain() =>
        Check(Snapshot(events: CleanEvents.Where((_, i) => i != 4).ToArray()), [Line(1)]).Violations
            .ShouldContain(v => v.Contains("moved running->succeeded after queued", StringComparison.Ordinal));

    [Fact]
    public void A_finished_task_that_ran_again_is_found_in_the_ledger() =>
        Check(Snapshot(), [Line(1), Line(2)]).Violations
            .ShouldContain(v => v.Contains("ran to its end 2 times", StringComparison.Ordinal));

    [Fact]
    public void A_second_run_for_one_idempotency_key_is_a_duplicate()
    {
        var snapshot = Snapshot();
        var duplicated = snapshot with { Runs = [.. snapshot.Runs, new RunRow("run-2", "single", "succeeded", null, "key-1")] };

        Check(duplicated, [Line(1)]).Violations.ShouldContain(v => v.Contains("idempotency key key-1 has 2 runs", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_answered_2xx_that_does_not_exist_is_lost() =>
        Check(Snapshot() with { Runs = [], Tasks = [], Attempts = [] }, []).Violations
            .ShouldContain(v => v.Contains($"run {Run}, answered 2xx to trigger key-1, does not exist", StringComparison.Ordinal));

    [Fact]
    public void A_run_that_did_not_end_as_expected_is_named() =>
        Check(Snapshot() with { Runs = [new RunRow(Run, "single", "failed", "why", "key-1")] }, [Line(1)]).Violations
            .ShouldContain(v => v.Contains("ended failed (why), expected succeeded", StringComparison.Ordinal));

    private static ChaosVerdict Check(ChaosSnapshot snapshot, IReadOnlyList<LedgerEntry> lines)
    {
        var trigger = new TriggerRecord("single", "key-1");
        trigger.Answer(Run);
        return ChaosInvariants.Check(snapshot, [trigger], lines, RunExpectation.AllSucceed);
    }

    private static ChaosSnapshot Snapshot(EventRow[]? events = null) => new(
        [new RunRow(Run, "single", "succeeded", null, "key-1")],
        [new TaskRow(Run, "work", 0, "succeeded")],
        [new AttemptRow(Run, "work", 0, 1, "succeeded")],
        events ?? CleanEvents);

    private static LedgerEntry Line(int attempt) => new(Run, "work", 0, attempt);
}
