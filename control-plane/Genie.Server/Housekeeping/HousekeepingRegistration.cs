using Genie.Server.Store;

namespace Genie.Server.Housekeeping;

/// <summary>Adds the housekeeping tasks, which Hangfire runs on one replica at a time.</summary>
public static class HousekeepingRegistration
{
    public static WebApplicationBuilder AddHousekeeping(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<HousekeepingOptions>(builder.Configuration.GetSection(HousekeepingOptions.Section));
        services.AddSingleton<IHousekeepingTask, RunRetention>();
        services.AddSingleton<IHousekeepingTask, EventPruning>();
        services.AddSingleton<IHousekeepingTask, StuckRunDetection>();
        services.AddSingleton<HousekeepingStatusStore>();
        services.AddSingleton<HousekeepingStore>();
        services.AddSingleton<HousekeepingRunner>();
        services.AddSingleton<HousekeepingSchedule>();
        services.AddTransient<HousekeepingJob>();
        return builder;
    }
}
