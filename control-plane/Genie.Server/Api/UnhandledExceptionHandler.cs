using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Genie.Server.Api;

/// <summary>
/// The last line of defence: every exception becomes a problem document without internals;
/// a database outage is a 503 (retry later), not a 500.
/// </summary>
public sealed class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            NpgsqlException or TimeoutException => (StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                "The database does not answer; retry later."),
            _ => (StatusCodes.Status500InternalServerError, "Internal error",
                "Genie failed to handle this request; the error is logged with the trace id."),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed", context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
