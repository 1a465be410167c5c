using Genie.Server.Housekeeping;
using Genie.Server.Store;
using Npgsql;
using Quartz;

namespace Genie.Server.Scheduling;

/// <summary>
/// Adds Quartz on Genie's PostgreSQL (ADO job store, tables from Genie's migrations, clustered with an
/// automatic instance id, System.Text.Json for job data) with the schedule and housekeeping jobs and APIs.
/// </summary>
public static class SchedulingRegistration
{
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(SchedulingOptions.Section);
        services.Configure<SchedulingOptions>(section);
        var settings = section.Get<SchedulingOptions>() ?? new SchedulingOptions();

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = settings.SchedulerName);
            quartz.UseDefaultThreadPool(settings.ThreadCount);
            quartz.UsePersistentStore(store =>
            {
                // The connection string is only known once DatabaseHost has started; the factory runs when the
                // scheduler is first built, which SchedulerHost does after that.
                store.UsePostgres(source => source.DataSourceFactory = sp => sp.GetRequiredService<NpgsqlDataSource>());
                store.UseSystemTextJsonSerializer();
                store.UseClustering(cluster => cluster.CheckinInterval = settings.ClusterCheckinInterval);
                store.ConfigureStore(ado =>
                {
                    ado.TablePrefix = "qrtz_";
                    ado.MisfireThreshold = settings.MisfireThreshold;
                });
            });
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
