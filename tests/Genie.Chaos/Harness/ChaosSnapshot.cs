namespace Genie.Chaos.Harness;

/// <summary>What the database holds after a scenario: every run, task instance, attempt, and run event in outbox order.</summary>
public sealed record ChaosSnapshot(
    IReadOnlyList<ChaosSnapshot.RunRow> Runs,
    IReadOnlyList<ChaosSnapshot.TaskRow> Tasks,
    IReadOnlyList<ChaosSnapshot.AttemptRow> Attempts,
    IReadOnlyList<ChaosSnapshot.EventRow> Events)
{
    public sealed record RunRow(string Id, string Job, string State, string? Reason, string? IdempotencyKey);

    public sealed record TaskRow(string RunId, string Task, int Replica, string State);

    public sealed record AttemptRow(string RunId, string Task, int Replica, int Attempt, string State);

    /// <summary>An outbox row of a run: its type and its JSON payload.</summary>
    public sealed record EventRow(string RunId, string Type, string Payload);
}
