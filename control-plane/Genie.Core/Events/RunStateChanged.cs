using Genie.Core.Runs;

namespace Genie.Core.Events;

/// <summary>A run moved from one state to another (a move <see cref="RunTransitions"/> allows).</summary>
public sealed record RunStateChanged(
    Guid RunId,
    string Namespace,
    string Job,
    int JobVersion,
    RunState From,
    RunState To,
    string? Reason,
    Guid? ParentRunId,
    string Actor) : IRunEvent
{
    public static string Type => "run.state_changed";

    public static int SchemaVersion => 1;
}
