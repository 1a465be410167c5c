using Genie.Core.Access;
using Microsoft.AspNetCore.Authorization;

namespace Genie.Server.Access;

/// <summary>The caller holds at least <see cref="Role"/> in the namespace the route names (`{ns}`).</summary>
public sealed record NamespaceRoleRequirement(NamespaceRole Role) : IAuthorizationRequirement;

/// <summary>Checks a <see cref="NamespaceRoleRequirement"/> against the route's namespace and the caller's grants.</summary>
public sealed class NamespaceRoleHandler : AuthorizationHandler<NamespaceRoleRequirement>
{
    public const string NamespaceRouteKey = "ns";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, NamespaceRoleRequirement requirement)
    {
        if (context.Resource is HttpContext http && http.Request.RouteValues[NamespaceRouteKey] is string ns
            && context.User.Grants().Allows(requirement.Role, ns))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
