using System.Text.Json;

namespace Genie.Client.Contracts;

/// <summary>
/// One execution of one job version with its resolved params; <see cref="Tasks"/> is filled when a single run is read.
/// <see cref="TraceId"/> is the trace it was triggered in; <see cref="TraceUrl"/> links to it when the server names a tracing UI.
/// </summary>
public sealed record RunResource(
    string Id,
    string Namespace,
    string Job,
    int JobVersion,
    string Executor,
    string State,
    string? Reason,
    IReadOnlyDictionary<string, JsonElement> Params,
    int Priority,
    string Trigger,
    string TriggeredBy,
    string? ParentRunId,
    string? ParentTask,
    DateTimeOffset NotBefore,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<TaskRunResource>? Tasks,
    string? TraceId = null,
    string? TraceUrl = null);
