namespace Genie.Server.Executors.Airflow.Client;

/// <summary>`DAGPatchBody`: pause or unpause; `is_paused` is required and the only field allowed.</summary>
internal sealed record DagPatchBody(bool IsPaused);
