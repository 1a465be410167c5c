using Genie.Client.Contracts;
using Genie.Core.Airflow;
using Genie.Server.Access;
using Genie.Server.Api;
using Genie.Server.Runs;
using Genie.Server.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Genie.Server.Executors.Airflow;

/// <summary>The generated Airflow DAG of each job version, readable whether or not this server drives Airflow.</summary>
public static class DagSourceEndpoints
{
    public static RouteGroupBuilder MapDagSourceApi(this RouteGroupBuilder api)
    {
        var dag = api.MapGroup("/namespaces/{ns}/jobs/{name}/versions/{version}/dag").WithTags("Jobs");
        dag.MapGet("/", GetAsync).ForViewers()
            .WithSummary("The Airflow DAG file this version compiles to (deterministic: the bytes Genie publishes)");
        dag.MapGet("/status", GetStatusAsync).ForViewers()
            .WithSummary("Whether this version's DAG was published and parsed by Airflow, with Airflow's import error if any");
        return api;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAsync(
        string ns, string name, string version, DagPublicationStore publications, JobPlans plans,
        IDagCompiler compiler, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindVersionAsync(ns, name, version, publications, cancellationToken);
        if (found is not { } job)
        {
            return problem!;
        }

        var plan = await plans.GetAsync(job.JobId, job.Version, cancellationToken);
        var incompatible = AirflowCompatibility.Check(plan.Definition);
        if (incompatible.Count > 0)
        {
            // A local job need not be expressible in Airflow (no image, say); it simply has no DAG.
            return TypedResults.Problem(
                title: "This version cannot be compiled to an Airflow DAG",
                statusCode: StatusCodes.Status409Conflict,
                detail: "Fix the errors listed in `errors` to run this job on Airflow.",
                extensions: new Dictionary<string, object?> { ["errors"] = incompatible.Select(e => new FieldError(e.Path, e.Message)).ToList() });
        }

        var dag = compiler.Compile(plan.Definition, job.Version);
        return TypedResults.Text(dag.Source, "text/x-python; charset=utf-8");
    }

    private static async Task<Results<Ok<DagStatusResource>, ProblemHttpResult>> GetStatusAsync(
        string ns, string name, string version, DagPublicationStore publications, CancellationToken cancellationToken)
    {
        var (found, problem) = await FindVersionAsync(ns, name, version, publications, cancellationToken);
        if (found is not { } job)
        {
            return problem!;
        }

        var status = await publications.GetAsync(job.JobId, job.Version, cancellationToken);
        return status is null
            ? ApiProblems.NotFound($"Version {job.Version} of {ns}/{name} has not been published to Airflow (it is published on its first run).")
            : TypedResults.Ok(new DagStatusResource(status.DagId, status.FileName, status.PublishedAt, status.ParsedAt, status.ImportError));
    }

    private static async Task<((long JobId, int Version)? Job, ProblemHttpResult? Problem)> FindVersionAsync(
        string ns, string name, string version, DagPublicationStore publications, CancellationToken cancellationToken)
    {
        // RouteValueCheck has already answered 400 for anything but a positive whole number.
        var number = int.Parse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);

        var jobId = await publications.JobIdOfVersionAsync(ns, name, number, cancellationToken);
        return jobId is null
            ? (null, ApiProblems.NotFound($"Job {ns}/{name} has no version {number}."))
            : ((jobId.Value, number), null);
    }
}
