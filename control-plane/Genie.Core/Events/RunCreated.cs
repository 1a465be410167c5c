using Genie.Core.Runs;

namespace Genie.Core.Events;

/// <summary>A run came to exist, `queued` (or `skipped` by its concurrency policy), from a trigger of <see cref="Trigger"/> kind.</summary>
public sealed record RunCreated(
    Guid RunId,
    string Namespace,
    string Job,
    int JobVersion,
    string Executor,
    RunState State,
    string? Reason,
    string Trigger,
    DateTimeOffset NotBefore,
    Guid? ParentRunId,
    string Actor) : IRunEvent
{
    public static string Type => "run.created";

    public static int SchemaVersion => 1;
}
