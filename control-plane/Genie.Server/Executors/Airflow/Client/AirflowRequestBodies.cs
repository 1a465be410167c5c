namespace Genie.Server.Executors.Airflow.Client;

/// <summary>
/// `TriggerDAGRunPostBody`. `logical_date` must be present even as null (Airflow 3 answers 422 without the key); null
/// means the run has no logical date, so runs of one DAG never collide on it. Other optional fields are left out
/// because the body is strict and older servers reject fields they do not know.
/// </summary>
internal sealed record TriggerDagRunBody(string DagRunId, DateTimeOffset? LogicalDate, IReadOnlyDictionary<string, object?> Conf);

/// <summary>`DAGPatchBody`: pause or unpause; `is_paused` is required and the only field allowed.</summary>
internal sealed record DagPatchBody(bool IsPaused);

/// <summary>`DAGRunPatchBody` with only the state; `failed` is how Airflow cancels a run.</summary>
internal sealed record DagRunPatchBody(AirflowDagRunState State);

/// <summary>
/// `ClearTaskInstancesBody` for "retry the failed tasks of one run". `dry_run` defaults to true on the server, so it is
/// always sent; `dag_run_id` is always sent because without it (and without dates) the clear covers every run of the
/// DAG; `reset_dag_runs` puts the run back to queued so the scheduler picks it up again.
/// </summary>
internal sealed record ClearTaskInstancesBody(string DagRunId, bool DryRun, bool OnlyFailed, bool ResetDagRuns);

/// <summary>`LoginBody` of `POST /auth/token`: exactly these two fields.</summary>
internal sealed record LoginBody(string Username, string Password);
