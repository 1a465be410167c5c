using System.Globalization;
using System.Threading.RateLimiting;
using Genie.Server.Grpc;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Genie.Server.Limits;

/// <summary>Answers a throttled request: 429, Retry-After in whole seconds, and a problem document saying when to retry.</summary>
public static class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        // A token bucket refills every second, so one second is the honest answer when the lease names no time.
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var detail = $"This caller sent more requests than its rate limit allows; retry after {seconds} s.";
        if (GrpcRefusal.IsGrpc(context.Request))
        {
            await GrpcRefusal.WriteAsync(context, global::Grpc.Core.StatusCode.ResourceExhausted, detail);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = detail,
            },
        });
    }
}
