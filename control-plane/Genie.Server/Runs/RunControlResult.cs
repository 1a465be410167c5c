using Genie.Server.Store;

namespace Genie.Server.Runs;

/// <summary>The answer to a cancel, suspend, resume or retry: the run afterwards, or why nothing happened.</summary>
public sealed record RunControlResult(RunRecord? Run, string? Conflict)
{
    public static RunControlResult NotFound { get; } = new(null, null);
}
