using System.Security.Claims;
using Genie.Client.Contracts;
using Genie.Core.Access;
using Genie.Server.Access;
using Genie.Server.Api;

namespace Genie.Server.Grpc;

/// <summary>
/// The namespace check of a gRPC call, whose namespace is in its message rather than its route: the same grants and
/// roles as the REST policies, and the same rule that a caller without any grant in the namespace is told it does not
/// exist (NOT_FOUND) while one who may see it but lacks the role is refused (PERMISSION_DENIED). After that check the
/// names the call carries are checked as REST checks its route values.
/// </summary>
public static class GrpcAccess
{
    public static void Require(ClaimsPrincipal caller, NamespaceRole role, string ns, params (string Field, string RouteKey, string Value)[] names)
    {
        var grants = caller.Grants();
        if (!grants.Allows(role, ns))
        {
            throw grants.RoleIn(ns) is null
                ? GrpcErrors.NotFound($"Nothing of that name exists in namespace {ns}.")
                : GrpcErrors.PermissionDenied($"This needs the {role.ToString().ToLowerInvariant()} role in the namespace; your grants do not include it.");
        }

        var errors = names.Prepend((Field: "namespace", RouteKey: "ns", Value: ns))
            .Select(n => RouteValueCheck.Check(n.RouteKey, n.Value) is { } message ? new FieldError(n.Field, message) : null)
            .OfType<FieldError>()
            .ToList();
        if (errors.Count > 0)
        {
            throw GrpcErrors.Invalid("The request names something invalid", errors);
        }
    }
}
