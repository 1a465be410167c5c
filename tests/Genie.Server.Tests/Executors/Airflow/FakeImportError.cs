namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>An import error the fake Airflow lists, as the DAG processor records one per failing file.</summary>
internal sealed record FakeImportError(int Id, string Filename, string StackTrace, DateTimeOffset Timestamp);
