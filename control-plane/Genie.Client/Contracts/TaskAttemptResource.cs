namespace Genie.Client.Contracts;

/// <summary>One try of a task instance: its try number, outcome, exit code, times and where its log is.</summary>
public sealed record TaskAttemptResource(
    int Attempt,
    string State,
    int? ExitCode,
    string? Reason,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string LogUrl);
