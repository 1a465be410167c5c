using Genie.Core.Runs;

namespace Genie.Server.Store;

/// <summary>A new state for a task instance and the facts that come with it.</summary>
public sealed record TaskChange(
    TaskState State,
    string? Reason = null,
    int? ExitCode = null,
    DateTimeOffset? NextAttemptAt = null,
    Guid? ChildRunId = null);
