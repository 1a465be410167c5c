using Genie.Server.Executors.Airflow.Client;
using Genie.Server.Executors.Airflow.Publishing;
using Genie.Server.Health;
using Genie.Server.Housekeeping;

namespace Genie.Server.Executors.Airflow;

/// <summary>Adds the Airflow backend when `Genie:Airflow:BaseUrl` is configured; the DAG source endpoint is always there.</summary>
public static class AirflowRegistration
{
    public static WebApplicationBuilder AddAirflow(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AirflowExecutionOptions>(builder.Configuration.GetSection(AirflowExecutionOptions.Section));
        services.AddSingleton<IDagCompiler, ConfiguredDagCompiler>();
        if (!IsEnabled(builder.Configuration))
        {
            return builder;
        }

        services.AddAirflowClient();
        services.AddDagPublishing(builder.Configuration);
        services.AddSingleton<DagPublication>();
        services.AddSingleton<AirflowRunLease>();
        services.AddSingleton<AirflowRunDriver>();
        services.AddSingleton<AirflowFailureReasons>();
        services.AddSingleton<AirflowReconcile>();
        services.AddSingleton<IHousekeepingTask>(sp => sp.GetRequiredService<AirflowReconcile>());
        services.AddSingleton<AirflowExecutor>();
        services.AddSingleton<IExecutorPort, AirflowExecutorPort>();
        services.AddWatchedLoop<AirflowExecutor>(AirflowExecutor.LoopName);
        return builder;
    }

    public static RouteGroupBuilder MapAirflowApi(this RouteGroupBuilder api, IConfiguration configuration)
    {
        api.MapDagSourceApi();
        if (IsEnabled(configuration))
        {
            api.MapAirflowEventApi();
        }

        return api;
    }

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{AirflowOptions.Section}:BaseUrl"]);
}
