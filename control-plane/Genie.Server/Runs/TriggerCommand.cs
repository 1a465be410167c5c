using System.Text.Json;

namespace Genie.Server.Runs;

/// <summary>
/// A request to run a job: params as JSON (API) or text (child jobs), when to start (a moment, or a delay
/// counted from the run's creation), an idempotency key, for child runs the parent task that waits for it, and the
/// grants the run acts with (null: those of the job version's applier, as for a scheduled run).
/// </summary>
public sealed record TriggerCommand(
    string Namespace,
    string Job,
    string Trigger,
    IReadOnlyDictionary<string, JsonElement>? JsonParams = null,
    IReadOnlyDictionary<string, string>? TextParams = null,
    DateTimeOffset? NotBefore = null,
    TimeSpan? Delay = null,
    string? IdempotencyKey = null,
    Guid? ParentRunId = null,
    string? ParentTask = null,
    int? ParentReplica = null,
    IReadOnlyList<string>? Grants = null);
