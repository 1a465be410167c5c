using Genie.Server.Store;
using Hangfire;
using Hangfire.PostgreSql;
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
    /// Builds the storage; only once the database is up (its connection string is known then), which
    /// <see cref="AfterDatabase{TService}"/> and the request pipeline (built after every hosted service started) ensure.
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
        var settings = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SchedulingOptions>>().Value;
        return new PostgreSqlStorage(new DataSourceConnections(services.GetRequiredService<NpgsqlDataSource>()), new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = settings.QueuePollInterval,
            InvisibilityTimeout = settings.InvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
        })
        {
            // Every tick and housekeeping pass is a Hangfire job (airflow-reconcile alone makes thousands a day); Genie's
            // own records (tick events, housekeeping status) are the history, so finished ones leave the dashboard
            // after an hour instead of a day. Failed ones stay until deleted.
            JobExpirationTimeout = TimeSpan.FromHours(1),
        };
    }

    /// <summary>Hands Hangfire connections from Genie's pooled data source, so both share one pool and one connection string.</summary>
    private sealed class DataSourceConnections(NpgsqlDataSource dataSource) : IConnectionFactory
    {
        public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
    }
}
