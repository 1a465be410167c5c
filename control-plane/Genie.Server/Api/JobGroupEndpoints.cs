using Genie.Client.Contracts;
using Genie.Server.Access;
using Genie.Server.Runs;
using Genie.Server.Store;
using Genie.Server.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Genie.Server.Api;

/// <summary>Job groups (the spec's `metadata.group`): list them with their jobs' health, and trigger a whole group.</summary>
public static class JobGroupEndpoints
{
    public static RouteGroupBuilder MapJobGroupApi(this RouteGroupBuilder api)
    {
        api.MapGet("/groups", ListAsync).ForAnyCaller().WithTags("Jobs")
            .WithSummary("The job groups of every namespace the caller may see, each with its jobs counted by their latest run");
        api.MapPost("/namespaces/{ns}/groups/{group}/runs", TriggerAsync).ForOperators().WithTags("Runs")
            .WithSummary("Trigger every live job of a group with its params' defaults; `Idempotency-Key` makes retries safe");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<JobGroupResource>>> ListAsync(HttpContext context, JobStore store, CancellationToken cancellationToken)
    {
        var groups = await store.ListGroupsAsync(context.User.Grants().Namespaces(), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<JobGroupResource>>(
            groups.Select(g => new JobGroupResource(g.Namespace, g.Name, g.Jobs, g.LastSucceeded, g.LastFailed, g.Running)).ToList());
    }

    /// <summary>
    /// One trigger per job, each in its own transaction, as if each were triggered alone: a job whose params have no
    /// defaults for its required ones gets its problem in the answer, and the others still run. The same
    /// `Idempotency-Key` is given to every job's trigger (keys are per job), so sending the call again returns the same runs.
    /// </summary>
    private static async Task<Results<Ok<GroupTriggerResult>, ProblemHttpResult>> TriggerAsync(
        string ns, string group, HttpContext context, JobStore store, RunTrigger trigger, IOptions<TracingOptions> tracing,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (TriggerRequestCheck.CheckIdempotencyKey(idempotencyKey, "header.Idempotency-Key") is { } keyError)
        {
            return ApiProblems.Invalid("The trigger is invalid", [keyError]);
        }

        var jobs = await store.GroupJobNamesAsync(ns, group, cancellationToken);
        if (jobs.Count == 0)
        {
            return ApiProblems.NotFound($"Group {ns}/{group} has no live jobs.");
        }

        var triggered = new List<GroupTriggeredJob>(jobs.Count);
        foreach (var job in jobs)
        {
            var outcome = await trigger.TriggerAsync(context.User.Actor(), new TriggerCommand(ns, job, "api",
                JsonParams: new Dictionary<string, System.Text.Json.JsonElement>(), IdempotencyKey: idempotencyKey, Grants: context.User.Grants().Texts()), cancellationToken);
            triggered.Add(TriggerProblems.Of(outcome) is { } problem
                ? new GroupTriggeredJob(job, null, AsApiProblem(problem))
                : new GroupTriggeredJob(job, outcome.Run!.ToResource(tracing.Value), null));
        }

        return TypedResults.Ok(new GroupTriggerResult(ns, group, triggered));
    }

    private static ApiProblem AsApiProblem(ProblemHttpResult result)
    {
        var problem = result.ProblemDetails;
        var errors = problem.Extensions.TryGetValue("errors", out var list) ? list as IReadOnlyList<FieldError> : null;
        return new ApiProblem(problem.Type, problem.Title, problem.Status, problem.Detail, null, errors);
    }
}
