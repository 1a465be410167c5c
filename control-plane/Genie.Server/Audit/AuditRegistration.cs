using Genie.Server.Housekeeping;

namespace Genie.Server.Audit;

/// <summary>Adds the audit log: its recording middleware, its retention job and its options.</summary>
public static class AuditRegistration
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AuditOptions>(builder.Configuration.GetSection(AuditOptions.Section));
        services.AddSingleton<AuditWriteFailures>();
        services.AddSingleton<IHousekeepingTask, AuditRetention>();
        return builder;
    }

    /// <summary>
    /// Goes first, outside the exception handler, the rate limiter and (once there) authentication, so it records what
    /// each of them answered: a 500, a 429, a 401.
    /// </summary>
    public static WebApplication UseAudit(this WebApplication app)
    {
        app.UseMiddleware<AuditMiddleware>();
        return app;
    }
}
