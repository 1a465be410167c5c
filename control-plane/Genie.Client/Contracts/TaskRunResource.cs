namespace Genie.Client.Contracts;

/// <summary>One task instance of a run (one per replica) with every attempt it made.</summary>
public sealed record TaskRunResource(
    string Name,
    int Replica,
    string State,
    string? Reason,
    int Attempts,
    int? ExitCode,
    string? ChildRunId,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<TaskAttemptResource> History);
