using Npgsql;

namespace Genie.Server.Store;

/// <summary>Adds the database, its schema at start, and every store; all SQL Genie runs lives behind these.</summary>
public static class StoreRegistration
{
    public static IServiceCollection AddStores(this IServiceCollection services)
    {
        DateTimeOffsetHandler.Register();
        services.AddSingleton<DatabaseEndpoint>();
        // Named, or Npgsql's metrics would label every series with the whole connection string.
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(AutoPrepare.Apply(sp.GetRequiredService<DatabaseEndpoint>().ConnectionString))
        {
            Name = "genie",
        }.Build());
        services.AddSingleton<MigrationRunner>();

        // Hosted services start in registration order: the database (and its schema) before anything using it.
        services.AddHostedService<DatabaseHost>();
        services.AddSingleton<DatabaseProbe>();
        services.AddSingleton<UnitOfWork>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<TaskInstanceStore>();
        services.AddSingleton<AttemptStore>();
        services.AddSingleton<RunSnapshotStore>();
        services.AddSingleton<RunQueueStore>();
        services.AddSingleton<ConcurrencyLocks>();
        services.AddSingleton<StateStore>();
        services.AddSingleton<ReplicaStore>();
        services.AddSingleton<SessionLocks>();
        services.AddSingleton<SchedulePauseStore>();
        services.AddSingleton<AirflowRunStore>();
        services.AddSingleton<AirflowFailureReasonStore>();
        services.AddSingleton<DagPublicationStore>();
        services.AddSingleton<SecretStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<EventStreamStore>();
        return services;
    }
}
