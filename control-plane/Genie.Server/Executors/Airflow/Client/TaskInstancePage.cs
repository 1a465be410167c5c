namespace Genie.Server.Executors.Airflow.Client;

/// <summary>One page of `TaskInstanceCollectionResponse`.</summary>
internal sealed record TaskInstancePage(IReadOnlyList<AirflowTaskInstance>? TaskInstances, int TotalEntries);
