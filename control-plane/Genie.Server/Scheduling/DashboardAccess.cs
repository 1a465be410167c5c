using System.Net;
using Hangfire.Dashboard;

namespace Genie.Server.Scheduling;

/// <summary>
/// Who gets the Hangfire dashboard and who may act in it. Until Genie has authentication, only requests from the
/// loopback interface get it at all; they may also administer it, as every caller of the API may administer
/// Genie today. Once callers have identities, <see cref="MayAdminister"/> is where administrators are told apart
/// and everyone else sees the dashboard read-only.
/// </summary>
public sealed class DashboardAccess : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => IsLoopback(context.GetHttpContext());

    /// <summary>Whether the caller may trigger, delete or requeue jobs from the dashboard.</summary>
    public static bool MayAdminister(DashboardContext context) => IsLoopback(context.GetHttpContext());

    // No remote address (an in-process server) is not loopback: only a request that came over loopback counts.
    private static bool IsLoopback(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);
}
