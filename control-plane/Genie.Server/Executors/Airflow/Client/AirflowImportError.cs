namespace Genie.Server.Executors.Airflow.Client;

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
