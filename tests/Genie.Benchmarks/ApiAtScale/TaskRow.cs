using Genie.Core.Runs;

namespace Genie.Benchmarks.ApiAtScale;

/// <summary>One `run_tasks` row of a generated run; its attempts span <see cref="StartedAt"/>..<see cref="FinishedAt"/>.</summary>
public readonly record struct TaskRow(
    string Task,
    int Replica,
    TaskState State,
    string? Reason,
    int Attempts,
    int? ExitCode,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    DateTime UpdatedAt);
