using Hangfire;
using Hangfire.Dashboard;

namespace Genie.Server.Scheduling;

/// <summary>The Hangfire dashboard at `/hangfire`: Genie's schedules and housekeeping as recurring jobs, their runs and failures.</summary>
public static class SchedulerDashboard
{
    public const string Path = "/hangfire";

    /// <summary>
    /// Maps Hangfire's own dashboard middleware, built at the first request: its storage exists only once the database
    /// has started, while Hangfire's UseHangfireDashboard (and a mapped branch) would ask for it already now.
    /// </summary>
    public static WebApplication MapSchedulerDashboard(this WebApplication app)
    {
        var options = new DashboardOptions
        {
            DashboardTitle = "Genie scheduler",
            AppPath = "/",
            Authorization = [new DashboardAccess()],
            IsReadOnlyFunc = context => !DashboardAccess.MayAdminister(context),
            DisplayStorageConnectionString = false,
        };
        var middleware = new Lazy<AspNetCoreDashboardMiddleware>(() => new AspNetCoreDashboardMiddleware(
            NotFound, app.Services.GetRequiredService<JobStorage>(), options, DashboardRoutes.Routes));
        app.Map(Path, dashboard => dashboard.Run(context => context.User.Identity?.IsAuthenticated == true
            ? middleware.Value.Invoke(context)
            : SignInAsync(context)));
        return app;
    }

    // A browser answers a Basic challenge with its sign-in prompt; the API key is the password (any user name).
    private static Task SignInAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"Genie scheduler: an admin API key as password\"";
        return Task.CompletedTask;
    }

    // A path under /hangfire that the dashboard does not know.
    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
