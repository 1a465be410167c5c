using System.Globalization;
using Grpc.Core;

namespace Genie.Server.Grpc;

/// <summary>
/// Refuses a gRPC call before it reaches the service (no or a bad credential, the rate limit): a trailers-only
/// response carrying the status, which gRPC clients read as they read any other, instead of a problem document.
/// </summary>
public static class GrpcRefusal
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    public static Task WriteAsync(HttpContext context, StatusCode code, string message)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        // grpc-message is percent-encoded (gRPC over HTTP/2, "Responses").
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return context.Response.CompleteAsync();
    }
}
