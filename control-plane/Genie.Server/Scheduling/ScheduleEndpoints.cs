using Genie.Client.Contracts;
using Genie.Server.Access;
using Genie.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Genie.Server.Scheduling;

/// <summary>A job's schedule: read it with its next fire times, pause and resume it.</summary>
public static class ScheduleEndpoints
{
    private const int NextFireTimes = 5;

    public static RouteGroupBuilder MapJobScheduleApi(this RouteGroupBuilder api)
    {
        var schedule = api.MapGroup("/namespaces/{ns}/jobs/{name}/schedule").WithTags("Schedules");
        schedule.MapGet("/", GetAsync).ForViewers().WithSummary("A job's schedule: cron, zone, paused or not, and the next fire times");
        schedule.MapPost("/pause", PauseAsync).ForOperators().WithSummary("Stop a job's schedule from firing until it is resumed");
        schedule.MapPost("/resume", ResumeAsync).ForOperators().WithSummary("Let a paused schedule fire again, from its next tick");
        return api;
    }

    private static Task<Results<Ok<ScheduleResource>, ProblemHttpResult>> GetAsync(
        string ns, string name, [AsParameters] ScheduleServices services, CancellationToken cancellationToken) =>
        ChangeAsync(ns, name, services, change: null, cancellationToken);

    private static Task<Results<Ok<ScheduleResource>, ProblemHttpResult>> PauseAsync(
        string ns, string name, [AsParameters] ScheduleServices services, CancellationToken cancellationToken) =>
        ChangeAsync(ns, name, services, () => services.Pauses.PauseAsync(ns, name, services.Time.GetUtcNow(), cancellationToken), cancellationToken);

    private static Task<Results<Ok<ScheduleResource>, ProblemHttpResult>> ResumeAsync(
        string ns, string name, [AsParameters] ScheduleServices services, CancellationToken cancellationToken) =>
        ChangeAsync(ns, name, services, () => services.Pauses.ClearAsync(ns, name, cancellationToken), cancellationToken);

    /// <summary>
    /// Records the change (if any) in Genie's table first, then syncs the recurring job from it: a crash in between
    /// leaves the table right, and the next sync (any read of the schedule, an apply, a start) finishes the change.
    /// </summary>
    private static async Task<Results<Ok<ScheduleResource>, ProblemHttpResult>> ChangeAsync(
        string ns, string name, ScheduleServices services, Func<Task>? change, CancellationToken cancellationToken)
    {
        var job = await services.Source.GetAsync(ns, name, cancellationToken);
        if (job is null)
        {
            return ApiProblems.NotFound($"Job {ns}/{name} does not exist or has no schedule.");
        }

        if (change is not null)
        {
            await change();
        }

        var paused = await services.Pauses.IsPausedAsync(ns, name, cancellationToken);
        var recurring = services.Sync.Find(ns, name);
        if (change is not null || paused == (recurring is not null))
        {
            await services.Sync.SyncJobAsync(ns, name, cancellationToken);
            recurring = services.Sync.Find(ns, name);
        }

        if (!paused && recurring is null)
        {
            return ApiProblems.Status(StatusCodes.Status409Conflict, "Schedule unavailable",
                $"The schedule of {ns}/{name} cannot be built on this server (see its logs; an unknown time zone?).");
        }

        var schedule = job.Schedule;
        IReadOnlyList<DateTimeOffset> next = paused
            ? []
            : CronFireTimes.Next(schedule.Cron, schedule.Timezone, services.Time.GetUtcNow(), NextFireTimes);
        var previous = recurring?.LastExecution is { } last
            ? CronFireTimes.LatestAtOrBefore(schedule.Cron, schedule.Timezone, new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc)))
            : null;
        return TypedResults.Ok(new ScheduleResource(ns, name, schedule.Cron.Expression, schedule.Timezone, schedule.CatchUp,
            paused, previous, next));
    }
}
