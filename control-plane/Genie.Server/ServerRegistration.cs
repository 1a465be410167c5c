using Genie.Client;
using Genie.Core.Specs;
using Genie.Server.Api;
using Genie.Server.Executors;
using Genie.Server.Executors.Airflow;
using Genie.Server.Executors.Local;
using Genie.Server.Runs;
using Genie.Server.Scheduling;
using Genie.Server.Health;
using Genie.Server.Store;
using Npgsql;

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

        services.AddSingleton<DatabaseEndpoint>();
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(sp.GetRequiredService<DatabaseEndpoint>().ConnectionString).Build());
        services.AddSingleton<MigrationRunner>();
        // Hosted services start in registration order: the database (and its schema) before anything using it.
        services.AddHostedService<DatabaseHost>();
        services.AddSingleton<BackgroundLoopHealth>();
        services.AddSingleton<JobStore>();

        services.Configure<LocalExecutorOptions>(builder.Configuration.GetSection(LocalExecutorOptions.Section));
        services.AddSingleton<RunStore>();
        services.AddSingleton<RunSignal>();
        services.AddSingleton<JobPlans>();
        services.AddSingleton<RunCancellation>();
        services.AddSingleton<RunTrigger>();
        services.AddSingleton<RunAdmission>();
        services.AddSingleton<RunControl>();
        services.AddSingleton<RunProgression>();
        services.AddSingleton<AttemptCompletion>();
        services.AddSingleton<LocalRecovery>();
        services.AddSingleton<LocalExecutor>();
        services.AddSingleton(new ExecutorRegistration(ExecutorKind.Local));
        services.AddSingleton<ExecutorCatalog>();
        services.AddWatchedLoop<LocalExecutor>(LocalExecutor.LoopName);
        builder.AddAirflow();
        builder.AddScheduling();

        services.ConfigureHttpJsonOptions(options => GenieJson.Configure(options.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddOpenApi("v1");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 4 * 1024 * 1024);
        return builder;
    }

    public static WebApplication UseGenie(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthEndpoints();
        app.MapJobEndpoints();
        app.MapRunEndpoints();
        app.MapAirflow();
        app.MapScheduleEndpoints();
        return app;
    }
}
