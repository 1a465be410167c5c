using Genie.Core.Runs;

namespace Genie.Core.Events;

/// <summary>A task instance (one replica of a task in a run) moved (a move <see cref="TaskTransitions"/> allows).</summary>
public sealed record TaskStateChanged(
    Guid RunId,
    string Namespace,
    string Job,
    string Task,
    int Replica,
    TaskState From,
    TaskState To,
    string? Reason,
    int? ExitCode,
    DateTimeOffset? NextAttemptAt,
    Guid? ChildRunId,
    string Actor) : IRunEvent
{
    public static string Type => "task.state_changed";

    public static int SchemaVersion => 1;
}
