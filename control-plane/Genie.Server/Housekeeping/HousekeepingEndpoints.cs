using Genie.Client.Contracts;
using Genie.Server.Access;
using Genie.Server.Api;
using Genie.Server.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Genie.Server.Housekeeping;

/// <summary>The housekeeping jobs: each with its last run and outcome, and a way to run one now.</summary>
public static class HousekeepingEndpoints
{
    private const string Path = "/housekeeping";

    public static RouteGroupBuilder MapHousekeepingApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(Path).WithTags("Housekeeping");
        group.MapGet("/", ListAsync).ForClusterAdmins().WithSummary("The housekeeping jobs with their last run, outcome and next run");
        group.MapPost("/{name}/run", RunAsync).ForClusterAdmins().WithSummary("Run one housekeeping job now, on this replica, and return its outcome");
        return api;
    }

    private static async Task<Ok<List<HousekeepingTaskResource>>> ListAsync(
        [AsParameters] HousekeepingServices services, CancellationToken cancellationToken)
    {
        var statuses = await services.Status.ListAsync(cancellationToken);
        var nextRuns = services.Schedule.NextRuns();
        var resources = new List<HousekeepingTaskResource>();
        foreach (var task in services.Runner.Tasks)
        {
            statuses.TryGetValue(task.Name, out var last);
            resources.Add(new HousekeepingTaskResource(task.Name, task.Description, services.Schedule.ScheduleOf(task).Period,
                last?.StartedAt, last?.FinishedAt, last?.Succeeded, last?.Detail, nextRuns.GetValueOrDefault(task.Name)));
        }

        return TypedResults.Ok(resources);
    }

    private static async Task<Results<Ok<HousekeepingTaskResource>, ProblemHttpResult>> RunAsync(
        string name, [AsParameters] HousekeepingServices services, CancellationToken cancellationToken)
    {
        var task = services.Runner.Find(name);
        if (task is null)
        {
            return ApiProblems.NotFound($"There is no housekeeping job `{name}`; GET {ApiRoutes.Root}{Path} lists them.");
        }

        await services.Runner.RunAsync(task, cancellationToken);
        var list = await ListAsync(services, cancellationToken);
        return TypedResults.Ok(list.Value!.Single(r => r.Name == name));
    }
}
