using Genie.Client.Contracts;

namespace Genie.Server.Access;

/// <summary>
/// `GET /whoami`: who the server takes the caller for and its grants, so a client (the portal) shows only what the
/// caller may use, such as the scheduler dashboard for cluster admins. It tells callers only about themselves.
/// </summary>
public static class CallerEndpoints
{
    public static RouteGroupBuilder MapCallerApi(this RouteGroupBuilder api)
    {
        api.MapGet("/whoami", (HttpContext context) =>
        {
            var grants = context.User.Grants();
            return TypedResults.Ok(new CallerResource(context.User.Actor(), grants.Texts(), grants.IsClusterAdmin));
        }).ForAnyCaller().WithTags("Access").WithSummary("The caller's actor and grants");
        return api;
    }
}
