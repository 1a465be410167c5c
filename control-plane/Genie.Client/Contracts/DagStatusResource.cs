namespace Genie.Client.Contracts;

/// <summary>How a job version fares as an Airflow DAG: published where, parsed when, and Airflow's import error if any.</summary>
public sealed record DagStatusResource(
    string DagId,
    string FileName,
    DateTimeOffset PublishedAt,
    DateTimeOffset? ParsedAt,
    string? ImportError);
