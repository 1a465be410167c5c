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
