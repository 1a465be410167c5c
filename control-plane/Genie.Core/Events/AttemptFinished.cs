using Genie.Core.Runs;

namespace Genie.Core.Events;

/// <summary>A try of a task instance ended (a move <see cref="AttemptTransitions"/> allows).</summary>
public sealed record AttemptFinished(
    Guid RunId,
    string Namespace,
    string Job,
    string Task,
    int Replica,
    int Attempt,
    AttemptState State,
    int? ExitCode,
    string? Reason,
    string Actor) : IRunEvent
{
    public static string Type => "attempt.finished";

    public static int SchemaVersion => 1;
}
