using Genie.Server.Store;

namespace Genie.Server.Stats;

/// <summary>Adds the stats API's options and store.</summary>
public static class StatsRegistration
{
    public static WebApplicationBuilder AddStats(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<StatsOptions>(builder.Configuration.GetSection(StatsOptions.Section));
        builder.Services.AddSingleton<StatsStore>();
        builder.Services.AddSingleton<StatsSourceChoice>();
        return builder;
    }
}
