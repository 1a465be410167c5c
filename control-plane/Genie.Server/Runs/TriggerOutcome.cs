using Genie.Core.Specs;
using Genie.Server.Store;

namespace Genie.Server.Runs;

/// <summary>How a trigger ended.</summary>
public enum TriggerStatus
{
    /// <summary>A new run was recorded (queued, or skipped by the concurrency policy).</summary>
    Created,

    /// <summary>The idempotency key was seen before: this is that run.</summary>
    Existing,

    JobNotFound,
    InvalidParams,
    ExecutorUnavailable,
}

/// <summary>The result of a trigger: the run, or why there is none.</summary>
public sealed record TriggerOutcome(TriggerStatus Status, RunRecord? Run, IReadOnlyList<SpecError> Errors, string? Detail = null);
