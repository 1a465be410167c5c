using System.Text;
using System.Text.Json;

namespace Genie.Server.Executors.Airflow.Client;

/// <summary>A DAG as Airflow knows it after parsing its file (`DAGResponse`).</summary>
public sealed record AirflowDag
{
    public string DagId { get; init; } = "";

    public string? DagDisplayName { get; init; }

    /// <summary>A paused DAG accepts triggers, but its runs stay queued until it is unpaused.</summary>
    public bool IsPaused { get; init; }

    /// <summary>The file is gone from its bundle or currently fails to import; a stale DAG cannot be triggered.</summary>
    public bool IsStale { get; init; }

    public bool HasImportErrors { get; init; }

    public DateTimeOffset? LastParsedTime { get; init; }

    /// <summary>The absolute path on the DAG processor.</summary>
    public string? Fileloc { get; init; }

    /// <summary>The path inside the bundle; import errors name files this way.</summary>
    public string? RelativeFileloc { get; init; }

    public string? BundleName { get; init; }

    public string? BundleVersion { get; init; }

    public IReadOnlyList<AirflowDagTag> Tags { get; init; } = [];
}

/// <summary>One tag of a DAG (`DagTagResponse`).</summary>
public sealed record AirflowDagTag
{
    public string Name { get; init; } = "";
}

/// <summary>One run of a DAG (`DAGRunResponse`).</summary>
public sealed record AirflowDagRun
{
    public string DagRunId { get; init; } = "";

    public string DagId { get; init; } = "";

    public AirflowDagRunState State { get; init; }

    public DateTimeOffset? LogicalDate { get; init; }

    public DateTimeOffset? QueuedAt { get; init; }

    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    public DateTimeOffset? RunAfter { get; init; }

    public string? Note { get; init; }
}

/// <summary>One task instance of a DAG run (`TaskInstanceResponse`); a mapped task has one per map index.</summary>
public sealed record AirflowTaskInstance
{
    public string TaskId { get; init; } = "";

    public string DagId { get; init; } = "";

    public string DagRunId { get; init; } = "";

    /// <summary>−1 for a task that is not mapped; 0.. for the expansions of a mapped task.</summary>
    public int MapIndex { get; init; } = -1;

    /// <summary>Null while the scheduler has not given the task instance a state yet.</summary>
    public AirflowTaskState? State { get; init; }

    /// <summary>The current (latest) attempt, 1 for the first; the key of that attempt's log.</summary>
    public int TryNumber { get; init; }

    public int MaxTries { get; init; }

    public DateTimeOffset? StartDate { get; init; }

    public DateTimeOffset? EndDate { get; init; }

    /// <summary>Seconds the attempt ran, when it has run.</summary>
    public double? Duration { get; init; }

    public string? Hostname { get; init; }
}

/// <summary>A DAG file that failed to import (`ImportErrorResponse`).</summary>
public sealed record AirflowImportError
{
    public int ImportErrorId { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The path relative to the bundle root.</summary>
    public string Filename { get; init; } = "";

    public string? BundleName { get; init; }

    /// <summary>Python's traceback; the last line usually says what is wrong.</summary>
    public string StackTrace { get; init; } = "";
}

/// <summary>One page of a list endpoint: its items (under the collection's own name) and `total_entries`.</summary>
internal interface IAirflowPage<out TItem>
{
    IReadOnlyList<TItem>? Items { get; }

    int TotalEntries { get; }
}

/// <summary>One page of `ImportErrorCollectionResponse`.</summary>
internal sealed record ImportErrorPage(IReadOnlyList<AirflowImportError>? ImportErrors, int TotalEntries) : IAirflowPage<AirflowImportError>
{
    IReadOnlyList<AirflowImportError>? IAirflowPage<AirflowImportError>.Items => ImportErrors;
}

/// <summary>One page of `TaskInstanceCollectionResponse`.</summary>
internal sealed record TaskInstancePage(IReadOnlyList<AirflowTaskInstance>? TaskInstances, int TotalEntries) : IAirflowPage<AirflowTaskInstance>
{
    IReadOnlyList<AirflowTaskInstance>? IAirflowPage<AirflowTaskInstance>.Items => TaskInstances;
}

/// <summary>
/// `TaskInstancesLogResponse`: `content` is an array of structured messages (`event` holds the text) or, for logs
/// written before structured logging, of plain strings.
/// </summary>
internal sealed record TaskLogResponse(JsonElement Content, string? ContinuationToken)
{
    /// <summary>The log as text, one line per message.</summary>
    public string ToText()
    {
        if (Content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var message in Content.EnumerateArray())
        {
            text.Append(LineOf(message)).Append('\n');
        }

        return text.ToString();
    }

    private static string LineOf(JsonElement message) => message.ValueKind switch
    {
        JsonValueKind.String => message.GetString() ?? "",
        JsonValueKind.Object when message.TryGetProperty("event", out var text) && text.ValueKind == JsonValueKind.String => text.GetString() ?? "",
        _ => message.GetRawText(),
    };
}

/// <summary>`LoginResponse` of `POST /auth/token`.</summary>
internal sealed record LoginResponse(string? AccessToken);
