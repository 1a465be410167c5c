using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace Genie.Server.Grpc;

/// <summary>
/// How a gRPC call ended, as the HTTP status its REST twin would have answered: gRPC answers 200 and puts its status in
/// the trailers (or, for a call refused before it started, in the headers), so the audit reads it from there.
/// </summary>
public static class GrpcCallStatus
{
    /// <summary>The REST equivalent of the call's gRPC status; null for a request that is not gRPC or has no status.</summary>
    public static int? HttpEquivalent(HttpContext context)
    {
        if (!GrpcRefusal.IsGrpc(context.Request))
        {
            return null;
        }

        var text = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers["grpc-status"] is { Count: > 0 } trailer
            ? trailer.ToString()
            : context.Response.Headers["grpc-status"].ToString();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return null;
        }

        return (StatusCode)code switch
        {
            StatusCode.OK => StatusCodes.Status200OK,
            StatusCode.InvalidArgument or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
            StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
            StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
            StatusCode.NotFound => StatusCodes.Status404NotFound,
            StatusCode.FailedPrecondition or StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
            StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
            StatusCode.Cancelled => StatusCodes.Status499ClientClosedRequest,
            StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status500InternalServerError,
        };
    }
}
