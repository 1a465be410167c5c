namespace Genie.Server.Executors.Airflow;

/// <summary>A job version as a DAG file in the bundle: where it is, the tag that proves Airflow parsed this version, and when.</summary>
public sealed record PublishedDag(string DagId, string FileName, string VersionTag, DateTimeOffset PublishedAt, DateTimeOffset? ParsedAt);
