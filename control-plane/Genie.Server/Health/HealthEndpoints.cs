using Genie.Client.Contracts;
using Genie.Server.Api;
using Genie.Server.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Genie.Server.Health;

/// <summary>Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers too).</summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthReport("ok"))).WithTags("Health");
        app.MapGet("/readyz", ReadyAsync).WithTags("Health");
        return app;
    }

    private static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> ReadyAsync(
        DatabaseProbe database, ILogger<HealthReport> logger, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadinessTimeout);
        try
        {
            await database.AnswerAsync(timeout.Token);
            return TypedResults.Ok(new HealthReport("ready"));
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            logger.LogWarning("Not ready: the database does not answer ({Reason})", e.Message);
            return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "Not ready", "The database does not answer.");
        }
    }
}
