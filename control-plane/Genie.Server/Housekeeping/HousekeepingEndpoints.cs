using Genie.Client.Contracts;
using Genie.Server.Api;
using Genie.Server.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Quartz;

namespace Genie.Server.Housekeeping;

/// <summary>The housekeeping jobs: each with its last run and outcome, and a way to run one now.</summary>
public static class HousekeepingEndpoints
{
    public static IEndpointRouteBuilder MapHousekeepingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/housekeeping").WithTags("Housekeeping");
        group.MapGet("/", ListAsync).WithSummary("The housekeeping jobs with their last run, outcome and next run");
        group.MapPost("/{name}/run", RunAsync).WithSummary("Run one housekeeping job now, on this replica, and return its outcome");
        return app;
    }

    private static async Task<Ok<List<HousekeepingTaskResource>>> ListAsync(
        HousekeepingRunner runner, HousekeepingStatusStore status, ISchedulerFactory schedulers, IOptions<HousekeepingOptions> options,
        CancellationToken cancellationToken)
    {
        var statuses = await status.ListAsync(cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var resources = new List<HousekeepingTaskResource>();
        foreach (var task in runner.Tasks)
        {
            var trigger = await scheduler.GetTrigger(HousekeepingSchedule.TriggerOf(task.Name), cancellationToken);
            statuses.TryGetValue(task.Name, out var last);
            resources.Add(new HousekeepingTaskResource(task.Name, task.Description, task.Interval ?? options.Value.Interval,
                last?.StartedAt, last?.FinishedAt, last?.Succeeded, last?.Detail, trigger?.NextFireTimeUtc));
        }

        return TypedResults.Ok(resources);
    }

    private static async Task<Results<Ok<HousekeepingTaskResource>, ProblemHttpResult>> RunAsync(
        string name, HousekeepingRunner runner, HousekeepingStatusStore status, ISchedulerFactory schedulers,
        IOptions<HousekeepingOptions> options, CancellationToken cancellationToken)
    {
        var task = runner.Find(name);
        if (task is null)
        {
            return ApiProblems.NotFound($"There is no housekeeping job `{name}`; GET /api/v1/housekeeping lists them.");
        }

        await runner.RunAsync(task, cancellationToken);
        var list = await ListAsync(runner, status, schedulers, options, cancellationToken);
        return TypedResults.Ok(list.Value!.Single(r => r.Name == name));
    }
}
