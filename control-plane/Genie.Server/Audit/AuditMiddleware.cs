using System.Diagnostics;
using Genie.Server.Api;
using Genie.Server.Grpc;
using Genie.Server.Store;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Genie.Server.Audit;

/// <summary>
/// Records every mutating API call (POST, PUT, PATCH, DELETE under the API root; validation aside, see
/// <see cref="AuditActions.Validate"/>) in the audit log: it runs the rest of
/// the pipeline, then writes one row with who, what, target, when, from where and how it ended. It sits outermost,
/// so calls refused by authentication, authorization, the rate limiter or validation, and calls that crashed, are
/// recorded with the status their caller got. Request bodies are never read: they may carry secret values.
/// </summary>
public sealed class AuditMiddleware(
    RequestDelegate next, AuditStore store, AuditWriteFailures failures, TimeProvider time, ILogger<AuditMiddleware> logger)
{
    /// <summary>The actor of a call without an authenticated identity.</summary>
    public const string Anonymous = "anonymous";

    // Long enough for a busy database, short enough that a hung one does not hold the caller's answer for long.
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsAudited(context.Request))
        {
            await next(context);
            return;
        }

        var occurredAt = time.GetUtcNow();
        // The same id the problem documents carry as `traceId`, so an error report leads to its audit row.
        var requestId = Activity.Current?.Id ?? context.TraceIdentifier;
        // The exception handler clears the endpoint and route values before it writes its 500; the ones routing
        // found are kept from before.
        var before = MatchedRoute.Of(context);
        try
        {
            await next(context);
        }
        catch
        {
            // It got past the exception handler (the answer had started, say): the caller got no whole answer, a 500.
            await RecordAsync(context, occurredAt, requestId, before, StatusCodes.Status500InternalServerError);
            throw;
        }

        var after = MatchedRoute.Of(context);
        await RecordAsync(context, occurredAt, requestId, after.Pattern is null ? before : after,
            GrpcCallStatus.HttpEquivalent(context) ?? context.Response.StatusCode);
    }

    private static bool IsAudited(HttpRequest request) =>
        ((HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) ||
          HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method))
         && request.Path.StartsWithSegments(ApiRoutes.Root, StringComparison.Ordinal))
        || (HttpMethods.IsPost(request.Method) && AuditActions.IsGrpcMutation(request.Path));

    private async Task RecordAsync(HttpContext context, DateTimeOffset occurredAt, string requestId, MatchedRoute route, int status)
    {
        var action = AuditActions.Of(context.Request.Method, route.Pattern);
        // The Airflow listener posts every state change of every task: machine traffic at a volume that would drown
        // the log. Its accepted events only wake a run's driver, which then reads Airflow itself; its refusals (a
        // wrong token, a foreign DAG) are what an auditor looks for.
        if ((action == AuditActions.AirflowEvent && status < 400) || action == AuditActions.Validate)
        {
            return;
        }

        var called = context.Features.Get<AuditedCall>();
        var record = new AuditRecord(
            Id: 0,
            OccurredAt: occurredAt,
            // Read after the pipeline ran: authentication sets the user on its way in and leaves it there.
            Actor: context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : Anonymous,
            Action: action,
            Namespace: called?.Namespace ?? AuditTarget.Namespace(route.Values),
            Target: called?.Target ?? AuditTarget.Of(route.Pattern, route.Values, Location(context.Response), context.Request.Path),
            // The direct peer only: X-Forwarded-For is not trusted (no forwarded-headers middleware is configured), so
            // behind a proxy this is the proxy's address until that middleware is set up for the known proxies.
            SourceAddress: context.Connection.RemoteIpAddress is { } address
                ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
                : null,
            StatusCode: status,
            Outcome: AuditOutcome.Of(status),
            RequestId: requestId);
        try
        {
            // Not the request's token: a caller that hung up is still audited.
            using var timeout = new CancellationTokenSource(WriteTimeout, time);
            await store.InsertAsync(record, timeout.Token);
        }
        // Either way the caller keeps its answer: the lost row is counted and logged, with nothing the request carried.
        catch (Exception e) when (DatabaseOutage.Is(e) || e is OperationCanceledException)
        {
            // An outage fails every row the same known way; one line each, as the outage's 503s are logged.
            failures.Add();
            logger.LogWarning("Audit row lost: {Action} on {Target} answered {Status}; the database did not take it ({Reason})",
                record.Action, record.Target, status, e is OperationCanceledException ? $"no answer within {WriteTimeout}" : DatabaseOutage.Describe(e));
        }
        catch (Exception e)
        {
            failures.Add();
            logger.LogError(e, "Audit row lost: {Action} on {Target} answered {Status}", record.Action, record.Target, status);
        }
    }

    private static string? Location(HttpResponse response) =>
        response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;

    /// <summary>The route an endpoint matched (null pattern: none) and a copy of its values at one moment.</summary>
    private sealed record MatchedRoute(RoutePattern? Pattern, RouteValueDictionary Values)
    {
        public static MatchedRoute Of(HttpContext context) =>
            new((context.GetEndpoint() as RouteEndpoint)?.RoutePattern, new RouteValueDictionary(context.Request.RouteValues));
    }
}
