using Genie.Server.Store;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Genie.Server.Api;

/// <summary>
/// The last line of defence: every exception becomes a problem document without internals. A database outage is
/// a 503 (retry later), not a 500, and logged as one warning line: while the database is down every request fails
/// the same known way, and a stack trace per request would bury everything else in the log. Every other 5xx is
/// an error with its stack trace.
/// </summary>
public sealed class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, ReasonPhrases.GetReasonPhrase(bad.StatusCode), bad.Message),
            _ when DatabaseOutage.Is(exception) => (StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                "The database does not answer; retry later."),
            _ => (StatusCodes.Status500InternalServerError, "Internal error",
                "Genie failed to handle this request; the error is logged with the trace id."),
        };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("Request {Method} {Path} answered 503: the database does not answer ({Reason})",
                context.Request.Method, context.Request.Path, DatabaseOutage.Describe(exception));
        }
        else if (status >= 500)
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
