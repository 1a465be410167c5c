using Microsoft.AspNetCore.Authorization;

namespace Genie.Server.Access;

/// <summary>The caller is a cluster administrator: keys, housekeeping, the dashboard, and whatever is not scoped to one namespace.</summary>
public sealed class ClusterAdminRequirement : AuthorizationHandler<ClusterAdminRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ClusterAdminRequirement requirement)
    {
        if (context.User.Grants().IsClusterAdmin)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
