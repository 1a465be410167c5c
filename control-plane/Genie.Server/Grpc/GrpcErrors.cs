using Genie.Client.Contracts;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Genie.Server.Grpc;

/// <summary>
/// The gRPC answers for what REST says with a problem document. Invalid input is INVALID_ARGUMENT carrying a
/// google.rpc.Status whose google.rpc.BadRequest detail lists every error with its field path, as REST's `errors` does.
/// </summary>
public static class GrpcErrors
{
    public static RpcException Invalid(string message, IEnumerable<FieldError> errors)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(errors.Select(e => new BadRequest.Types.FieldViolation { Field = e.Path, Description = e.Message }));
        return new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = message, Details = { Any.Pack(badRequest) } }.ToRpcException();
    }

    public static RpcException Invalid(string field, string message) => Invalid("The request is invalid", [new FieldError(field, message)]);

    public static RpcException NotFound(string message) => new(new global::Grpc.Core.Status(StatusCode.NotFound, message));

    public static RpcException PermissionDenied(string message) => new(new global::Grpc.Core.Status(StatusCode.PermissionDenied, message));

    public static RpcException FailedPrecondition(string message) => new(new global::Grpc.Core.Status(StatusCode.FailedPrecondition, message));
}
