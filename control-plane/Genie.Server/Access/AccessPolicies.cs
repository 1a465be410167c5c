using Genie.Core.Access;
using Microsoft.AspNetCore.Authorization;

namespace Genie.Server.Access;

/// <summary>
/// The authorization policies, one per kind of right. Every endpoint names exactly one (through
/// <see cref="AccessConventions"/>); one that names none falls back to cluster administrators only.
/// </summary>
public static class AccessPolicies
{
    public const string Viewer = "namespace-viewer";
    public const string Operator = "namespace-operator";
    public const string Admin = "namespace-admin";
    public const string ClusterAdmin = "cluster-admin";

    /// <summary>Any authenticated caller; the endpoint itself narrows what it shows to the caller's namespaces.</summary>
    public const string AnyCaller = "any-caller";

    public const string AirflowListener = "airflow-listener";

    public static void Add(AuthorizationOptions options)
    {
        string[] schemes = [CallerScheme.Name];
        AuthorizationPolicy Callers(IAuthorizationRequirement requirement) => new AuthorizationPolicyBuilder(schemes)
            .RequireAuthenticatedUser().AddRequirements(requirement).Build();

        options.AddPolicy(Viewer, Callers(new NamespaceRoleRequirement(NamespaceRole.Viewer)));
        options.AddPolicy(Operator, Callers(new NamespaceRoleRequirement(NamespaceRole.Operator)));
        options.AddPolicy(Admin, Callers(new NamespaceRoleRequirement(NamespaceRole.Admin)));
        options.AddPolicy(ClusterAdmin, Callers(new ClusterAdminRequirement()));
        options.AddPolicy(AnyCaller, new AuthorizationPolicyBuilder(schemes).RequireAuthenticatedUser().Build());
        options.AddPolicy(AirflowListener, new AuthorizationPolicyBuilder(AirflowListenerAuthentication.SchemeName)
            .RequireClaim(CallerClaims.ListenerType).Build());
        options.FallbackPolicy = options.GetPolicy(ClusterAdmin);
    }
}
