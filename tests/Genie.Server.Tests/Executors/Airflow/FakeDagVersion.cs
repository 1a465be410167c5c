namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>One parsed version of a fake DAG file: what Airflow shows for the DAG until the next version is parsed.</summary>
internal sealed record FakeDagVersion(int Number, IReadOnlyList<string> Tags, DateTimeOffset ParsedAt)
{
    public Guid Id { get; } = Guid.NewGuid();
}
