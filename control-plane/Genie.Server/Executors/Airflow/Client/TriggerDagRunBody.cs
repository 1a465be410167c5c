namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// `TriggerDAGRunPostBody`. `logical_date` must be present even as null (Airflow 3 answers 422 without the key); null
/// means the run has no logical date, so runs of one DAG never collide on it. Other optional fields are left out
/// because the body is strict and older servers reject fields they do not know.
/// </summary>
internal sealed record TriggerDagRunBody(string DagRunId, DateTimeOffset? LogicalDate, IReadOnlyDictionary<string, object?> Conf);
