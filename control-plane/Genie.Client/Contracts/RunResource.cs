using System.Text.Json;

namespace Genie.Client.Contracts;

/// <summary>One execution of one job version with its resolved params; <see cref="Tasks"/> is filled when a single run is read.</summary>
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
    IReadOnlyList<TaskRunResource>? Tasks);
