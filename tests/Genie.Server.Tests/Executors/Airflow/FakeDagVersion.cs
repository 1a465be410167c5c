namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// One parsed version of a fake DAG file: what Airflow shows for the DAG until the next version is parsed, and the
/// file's source, whose task graph runs of this version execute (null for a DAG a test published without a file).
/// </summary>
internal sealed record FakeDagVersion(int Number, IReadOnlyList<string> Tags, DateTimeOffset ParsedAt, string? Source)
{
    public Guid Id { get; } = Guid.NewGuid();
}
