using System.Security.Cryptography;
using System.Text;
using Genie.Server.Api;
using Genie.Server.Runs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Genie.Server.Executors.Airflow;

/// <summary>
/// Receives the listener plugin's state changes. An event is a hint, not the truth: it wakes the run's driver,
/// which reads the run from Airflow's API, so a forged or reordered event cannot corrupt a run.
/// </summary>
public static class AirflowEventEndpoints
{
    public static RouteGroupBuilder MapAirflowEventApi(this RouteGroupBuilder api)
    {
        api.MapPost("/airflow/events", ReceiveAsync).WithTags("Airflow")
            .WithSummary("State changes posted by Genie's Airflow listener plugin (bearer token: Genie:Airflow:ListenerToken)");
        return api;
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> ReceiveAsync(
        HttpContext context, RunSignal signal, IOptions<AirflowExecutionOptions> options, CancellationToken cancellationToken)
    {
        if (!Authorized(context.Request.Headers.Authorization.ToString(), options.Value.ListenerToken))
        {
            return ApiProblems.Status(StatusCodes.Status401Unauthorized, "Unauthorized",
                "Send `Authorization: Bearer <Genie:Airflow:ListenerToken>`.");
        }

        var (received, problem) = await JsonBodyReader.ReadAsync<AirflowListenerEvent>(context.Request, null, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (received is null || !received.DagId.StartsWith("genie__", StringComparison.Ordinal) || !Guid.TryParse(received.RunId, out var runId))
        {
            return ApiProblems.Invalid("body.run_id", "events are accepted only for Genie DAGs whose run id is a Genie run id");
        }

        signal.Wake(runId);
        return TypedResults.Accepted((string?)null);
    }

    private static bool Authorized(string header, string? token)
    {
        const string scheme = "Bearer ";
        if (string.IsNullOrEmpty(token) || !header.StartsWith(scheme, StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..]), Encoding.UTF8.GetBytes(token));
    }
}
