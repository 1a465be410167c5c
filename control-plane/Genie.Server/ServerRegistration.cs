using Genie.Client;
using Genie.Core.Specs;
using Genie.Server.Access;
using Genie.Server.Api;
using Genie.Server.Audit;
using Genie.Server.Events;
using Genie.Server.Executors;
using Genie.Server.Executors.Airflow;
using Genie.Server.Executors.Local;
using Genie.Server.Grpc;
using Genie.Server.Health;
using Genie.Server.Kafka;
using Genie.Server.Jobs;
using Genie.Server.Limits;
using Genie.Server.Notifications;
using Genie.Server.Runs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Scheduling;
using Genie.Server.Secrets;
using Genie.Server.Stats;
using Genie.Server.Store;
using Genie.Server.Telemetry;

namespace Genie.Server;

/// <summary>Wires Genie's services and endpoints; Program.cs and the tests share it.</summary>
public static class ServerRegistration
{
    public static WebApplicationBuilder AddGenie(this WebApplicationBuilder builder)
    {
        ServerDefaults.AddTo(builder.Configuration);
        var services = builder.Services;
        services.Configure<GenieOptions>(builder.Configuration.GetSection(GenieOptions.Section));
        services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        services.Configure<SpecLimits>(builder.Configuration.GetSection("Genie:Specs"));
        services.AddSingleton(TimeProvider.System);

        services.AddStores();
        services.AddSingleton<BackgroundLoopHealth>();

        services.Configure<LocalExecutorOptions>(builder.Configuration.GetSection(LocalExecutorOptions.Section));
        services.AddSingleton<RunSignal>();
        services.AddSingleton<StateChanger>();
        services.AddSingleton<JobPlans>();
        services.AddSingleton<RunCancellation>();
        services.AddSingleton<RunTrigger>();
        services.AddSingleton<JobApplication>();
        services.AddSingleton<RunAdmission>();
        services.AddSingleton<RunControl>();
        services.AddSingleton<RunProgression>();
        services.AddSingleton<AttemptCompletion>();
        services.AddSingleton<LocalReplica>();
        services.AddSingleton<LocalRecovery>();
        services.AddSingleton<ReplicaHeartbeat>();
        services.AddSingleton<LocalExecutor>();
        services.AddSingleton<IExecutorPort, LocalExecutorPort>();
        services.AddSingleton<ExecutorCatalog>();
        services.AddWatchedLoop<LocalExecutor>(LocalExecutor.LoopName);
        builder.AddSecrets();
        builder.AddAirflow();
        builder.AddScheduling();
        builder.AddNotifications();
        builder.AddKafkaRelay();

        services.ConfigureHttpJsonOptions(options => GenieJson.Configure(options.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddOpenApi("v1");
        builder.AddLimits();
        builder.AddAccess();
        builder.AddAudit();
        builder.AddTracing();
        builder.AddEventStream();
        builder.AddStats();
        builder.AddGenieMetrics();
        builder.AddGrpcApi();
        return builder;
    }

    public static WebApplication UseGenie(this WebApplication app)
    {
        // Routing first, as WebApplication would place it: the audit reads the endpoint before the exception handler
        // clears it, and authorization reads the route's namespace. Authentication before the rate limiter, which
        // counts per caller; authorization after it, so a flood of refused calls is limited too.
        app.UseRouting();
        app.UseAudit();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAccess();
        app.UseLimits();
        app.UseAuthorization();
        // The API's description is public, like Airflow's: it tells nothing about any namespace.
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // Health stays at the root, outside the API group: probes must not meet the API's policies.
        app.MapHealthEndpoints();
        app.MapGenieMetrics();
        app.MapApiRoot()
            .MapJobApi()
            .MapRunApi()
            .MapAirflowApi(app.Configuration)
            .MapSchedulingApi()
            .MapAuditApi()
            .MapEventApi()
            .MapStatsApi()
            .MapSecretApi()
            .MapApiKeyApi()
            .MapNotificationApi()
            .MapJobGroupApi()
            .MapCallerApi();
        app.MapGrpcApi();
        app.MapSchedulerDashboard();
        return app;
    }
}
