using Genie.Server.Access;
using Hangfire.Dashboard;

namespace Genie.Server.Scheduling;

/// <summary>
/// Who gets the Hangfire dashboard: cluster administrators, who may also act in it (trigger, delete, requeue). It shows
/// every namespace's schedules, so no namespace role is enough.
/// </summary>
public sealed class DashboardAccess : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => IsClusterAdmin(context.GetHttpContext());

    /// <summary>Whether the caller may trigger, delete or requeue jobs from the dashboard.</summary>
    public static bool MayAdminister(DashboardContext context) => IsClusterAdmin(context.GetHttpContext());

    /// <summary>Whether the request comes from a cluster administrator.</summary>
    public static bool IsClusterAdmin(HttpContext http) => http.User.Grants().IsClusterAdmin;
}
