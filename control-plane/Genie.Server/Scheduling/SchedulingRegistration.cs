using Genie.Server.Housekeeping;
using Genie.Server.Store;
using Hangfire;
using Hangfire.Common;

namespace Genie.Server.Scheduling;

/// <summary>
/// Adds Hangfire on Genie's PostgreSQL (its own schema, every replica one server sharing it) with the schedule and
/// housekeeping jobs, their APIs and the dashboard.
/// </summary>
public static class SchedulingRegistration
{
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<SchedulingOptions>(builder.Configuration.GetSection(SchedulingOptions.Section));
        // Built on first use, which comes after the database started (see GenieJobStorage.Create).
        services.AddSingleton(GenieJobStorage.Create);
        // Recurring jobs are created as of Genie's clock (a pinned clock pins their next fire times too), while the
        // Hangfire server fires by the real one: a test with a pinned clock runs with scheduling disabled.
        services.AddSingleton<IRecurringJobManagerV2>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            return new RecurringJobManager(sp.GetRequiredService<JobStorage>(), JobFilterProviders.Providers,
                new DefaultTimeZoneResolver(), () => time.GetUtcNow().UtcDateTime);
        });
        services.AddTransient<ScheduleTickJob>();
        services.AddSingleton<ScheduleSource>();
        services.AddSingleton<ScheduleSync>();
        services.AddSingleton<ScheduleTick>();
        services.AddSingleton<SchedulerHost>();
        builder.AddHousekeeping();
        services.AddHostedService<AfterDatabase<SchedulerHost>>();
        return builder;
    }

    public static RouteGroupBuilder MapSchedulingApi(this RouteGroupBuilder api) =>
        api.MapJobScheduleApi().MapHousekeepingApi();
}
