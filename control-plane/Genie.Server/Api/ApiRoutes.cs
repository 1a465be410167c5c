namespace Genie.Server.Api;

/// <summary>
/// The one root of the REST API. Every resource maps its endpoints under the group made here, so whatever is
/// attached to it (the route value check today; authorization or rate limits later) reaches every endpoint,
/// and a new endpoint cannot forget it.
/// </summary>
public static class ApiRoutes
{
    /// <summary>The prefix of every API path; Location headers and links are built from it too.</summary>
    public const string Root = "/api/v1";

    /// <summary>Maps the root group; the resources add their own sub-groups to it.</summary>
    public static RouteGroupBuilder MapApiRoot(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Root);
        api.AddEndpointFilter(RouteValueCheck.Instance);
        // The filter leaves no trace on an endpoint; the metadata shows (to tests, to later policies) that it is there.
        api.WithMetadata(RouteValueCheck.Instance);
        return api;
    }
}
