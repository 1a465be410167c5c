using Genie.Core.Specs;
using Genie.Server.Executors.Airflow.Client;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// Airflow as the run layer sees it: a DAG run cannot be paused on its own, clearing re-runs failed tasks only, and
/// logs live in Airflow (read whole through its API). A retry asks the driver to clear the DAG run's failed tasks.
/// </summary>
public sealed class AirflowExecutorPort(AirflowRunStore progress, AirflowClient airflow) : IExecutorPort
{
    public ExecutorKind Kind => ExecutorKind.Airflow;

    public ExecutorCapabilities Capabilities => ExecutorCapabilities.None;

    public string Refusal(ExecutorCapabilities missing) => missing switch
    {
        ExecutorCapabilities.Suspend => "Airflow cannot suspend a single DAG run; cancel the run instead",
        ExecutorCapabilities.RetryAll => "Airflow re-runs the failed tasks of a DAG run only; use mode `failed`, or trigger a new run",
        _ => $"Airflow cannot {missing}",
    };

    public Task PrepareRetryAsync(StateTransaction tx, RunRecord run, bool all, CancellationToken cancellationToken) =>
        progress.RequestClearAsync(tx.Transaction, run.Id, "failed", cancellationToken);

    public Task<string> ReadLogAsync(AttemptRecord attempt, CancellationToken cancellationToken) =>
        AirflowLogReference.TryParse(attempt.LogPath, out var reference)
            ? airflow.GetTaskLogAsync(reference.DagId, attempt.RunId.ToString(), reference.TaskId, attempt.Attempt, reference.MapIndex, cancellationToken)
            : throw new InvalidOperationException($"`{attempt.LogPath}` is not an Airflow log reference.");
}
