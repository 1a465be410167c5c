using Dapper;
using Genie.Core.Airflow;
using Genie.Server.Api;
using Genie.Server.Runs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Genie.Server.Executors.Airflow;

/// <summary>The generated Airflow DAG of each job version, readable whether or not this server drives Airflow.</summary>
public static class DagSourceEndpoints
{
    public static IEndpointRouteBuilder MapDagSourceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/namespaces/{ns}/jobs/{name}/versions/{version}/dag", GetAsync).WithTags("Jobs")
            .WithSummary("The Airflow DAG file this version compiles to (deterministic: the bytes Genie publishes)");
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(
        string ns, string name, string version, NpgsqlDataSource dataSource, JobPlans plans,
        IOptions<AirflowExecutionOptions> options, CancellationToken cancellationToken)
    {
        var errors = ResourceNames.Check(ns, name);
        if (!int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            errors.Add(new Genie.Client.Contracts.FieldError("path.version", "must be a positive whole number"));
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid("The version is invalid", errors);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var jobId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("""
            select j.id from jobs j join job_versions v on v.job_id = j.id
            where j.namespace = @ns and j.name = @name and v.version = @number
            """, new { ns, name, number }, cancellationToken: cancellationToken));
        if (jobId is null)
        {
            return ApiProblems.NotFound($"Job {ns}/{name} has no version {number}.");
        }

        var plan = await plans.GetAsync(jobId.Value, number, cancellationToken);
        var dag = DagCompiler.Compile(plan.Definition, number, options.Value.CompilerOptions);
        return TypedResults.Text(dag.Source, "text/x-python; charset=utf-8");
    }
}
