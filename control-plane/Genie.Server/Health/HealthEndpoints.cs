using Genie.Client.Contracts;
using Genie.Server.Api;
using Genie.Server.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Genie.Server.Health;

/// <summary>
/// Liveness (`/healthz`: the process answers) and readiness (`/readyz`: every background loop is alive and the
/// database answers; optional parts such as the Kafka relay add details, `degraded` but still ready).
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Probes carry no credentials.
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthReport("ok"))).WithTags("Health").AllowAnonymous();
        app.MapGet("/readyz", ReadyAsync).WithTags("Health").AllowAnonymous();
        return app;
    }

    private static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> ReadyAsync(
        DatabaseProbe database, BackgroundLoopHealth loops, IEnumerable<IReadinessDetail> parts, ILogger<HealthReport> logger,
        CancellationToken cancellationToken)
    {
        // A dead loop does not come back by itself (unlike the database), so it is checked first and not logged
        // again on every probe: its death was logged as critical once.
        if (loops.Dead is { Count: > 0 } dead)
        {
            return TypedResults.Problem(
                title: "Not ready",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: "Background loop(s) stopped: " + string.Join("; ", dead.Select(d => $"{d.Name} ({d.Reason})")) +
                    ". Their work is not done on this replica until Genie restarts.",
                extensions: new Dictionary<string, object?> { ["deadLoops"] = dead.Select(d => d.Name).ToList() });
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadinessTimeout);
        try
        {
            await database.AnswerAsync(timeout.Token);
            var details = parts.Select(p => p.Describe()).ToList();
            return TypedResults.Ok(details.Count == 0
                ? new HealthReport("ready")
                : new HealthReport(details.Any(d => d.Status == HealthDetail.Degraded) ? HealthDetail.Degraded : "ready", details));
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            logger.LogWarning("Not ready: the database does not answer ({Reason})", e.Message);
            return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "Not ready", "The database does not answer.");
        }
    }
}
