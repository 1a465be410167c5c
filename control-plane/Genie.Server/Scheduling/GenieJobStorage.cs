using Genie.Server.Store;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Genie.Server.Scheduling;

/// <summary>
/// Hangfire's storage in Genie's own database: Hangfire.PostgreSql on Genie's data source (the embedded cluster
/// of `make run` too), in its own schema `hangfire`, which it creates and migrates itself.
/// </summary>
public static class GenieJobStorage
{
    public const string Schema = "hangfire";

    /// <summary>
    /// Builds the storage, which installs Hangfire's schema under the migrations' lock. Only once the database is up
    /// (its connection string is known then), which <see cref="AfterDatabase{TService}"/> and the dashboard's first
    /// request ensure.
    /// </summary>
    public static JobStorage Create(IServiceProvider services)
    {
        // Hangfire's serializer settings and log provider are process-wide; setting them again is harmless. Two hosts
        // in one process (tests) share the log provider, so Hangfire's log lines may land in the other host's log.
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogs(services.GetRequiredService<ILoggerFactory>()));
        var settings = services.GetRequiredService<IOptions<SchedulingOptions>>().Value;
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = settings.QueuePollInterval,
            InvisibilityTimeout = settings.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
        };
        var connections = new DataSourceConnections(services.GetRequiredService<NpgsqlDataSource>());
        return services.GetRequiredService<MigrationRunner>().RunExclusive<JobStorage>(() => new PostgreSqlStorage(connections, options)
        {
            // Every tick and housekeeping pass is a Hangfire job (airflow-reconcile alone makes thousands a day); Genie's
            // own records (tick events, housekeeping status) are the history, so finished ones leave the dashboard
            // after an hour instead of a day. Failed ones stay until deleted.
            JobExpirationTimeout = TimeSpan.FromHours(1),
        });
    }

    /// <summary>Hands Hangfire connections from Genie's pooled data source, so both share one pool and one connection string.</summary>
    private sealed class DataSourceConnections(NpgsqlDataSource dataSource) : IConnectionFactory
    {
        public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
    }
}
