namespace Genie.Server.Access;

/// <summary>How an endpoint says who may call it; each maps it to one of the <see cref="AccessPolicies"/>.</summary>
public static class AccessConventions
{
    public static TBuilder ForViewers<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AccessPolicies.Viewer);

    public static TBuilder ForOperators<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AccessPolicies.Operator);

    public static TBuilder ForNamespaceAdmins<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AccessPolicies.Admin);

    public static TBuilder ForClusterAdmins<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AccessPolicies.ClusterAdmin);

    /// <summary>Any authenticated caller; the handler shows only what the caller's grants allow.</summary>
    public static TBuilder ForAnyCaller<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AccessPolicies.AnyCaller);

    public static TBuilder ForAirflowListener<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(AccessPolicies.AirflowListener);
}
