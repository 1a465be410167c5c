namespace Genie.Server.Executors.Airflow.Client;

/// <summary>One page of `ImportErrorCollectionResponse`.</summary>
internal sealed record ImportErrorPage(IReadOnlyList<AirflowImportError>? ImportErrors, int TotalEntries);
