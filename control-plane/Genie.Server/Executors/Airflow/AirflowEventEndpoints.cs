using Genie.Server.Access;
using Genie.Server.Api;
using Genie.Server.Runs;
using Genie.Server.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// Receives the listener plugin's state changes. An event is a hint, not the truth: it wakes the run's driver,
/// which reads the run from Airflow's API, so a forged or reordered event cannot corrupt a run.
/// </summary>
public static class AirflowEventEndpoints
{
    public static RouteGroupBuilder MapAirflowEventApi(this RouteGroupBuilder api)
    {
        api.MapPost("/airflow/events", ReceiveAsync).ForAirflowListener().WithTags("Airflow")
            .WithSummary("State changes posted by Genie's Airflow listener plugin (bearer token: Genie:Airflow:ListenerToken)");
        return api;
    }

    // The listener's token is checked by its own authentication scheme (Access/AirflowListenerAuthentication).
    private static async Task<Results<Accepted, ProblemHttpResult>> ReceiveAsync(
        HttpContext context, RunSignal signal, AirflowFailureReasons failures, CancellationToken cancellationToken)
    {
        var (received, problem) = await JsonBodyReader.ReadAsync<AirflowListenerEvent>(context.Request, null, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (received?.DagId is not { } dagId || !dagId.StartsWith("genie__", StringComparison.Ordinal) || !Guid.TryParse(received.RunId, out var runId))
        {
            return ApiProblems.Invalid("body.run_id", "events are accepted only for Genie DAGs whose run id is a Genie run id");
        }

        if (FailedTry(received, runId) is { } key && AirflowTaskReasons.Normalize(received.Reason) is { } reason)
        {
            await failures.RecordAsync(key, reason, cancellationToken);
        }

        signal.Wake(runId);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>The try a failed task-instance event is about; a reason on any other event is ignored.</summary>
    private static AttemptKey? FailedTry(AirflowListenerEvent received, Guid runId) =>
        received is { Kind: "task_instance", State: "failed" or "up_for_retry", TaskId: { } task, TryNumber: > 0 and var tries }
            ? new AttemptKey(runId, task, Math.Max(received.MapIndex ?? 0, 0), tries)
            : null;
}
