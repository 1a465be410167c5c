using Genie.Client.Contracts;
using Genie.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Quartz;

namespace Genie.Server.Scheduling;

/// <summary>A job's schedule: read it with its next fire times, pause and resume it.</summary>
public static class ScheduleEndpoints
{
    private const int NextFireTimes = 5;

    public static RouteGroupBuilder MapJobScheduleApi(this RouteGroupBuilder api)
    {
        var schedule = api.MapGroup("/namespaces/{ns}/jobs/{name}/schedule").WithTags("Schedules");
        schedule.MapGet("/", GetAsync).WithSummary("A job's schedule: cron, zone, paused or not, and the next fire times");
        schedule.MapPost("/pause", PauseAsync).WithSummary("Stop a job's schedule from firing until it is resumed");
        schedule.MapPost("/resume", ResumeAsync).WithSummary("Let a paused schedule fire again, from its next tick");
        return api;
    }

    private static Task<Results<Ok<ScheduleResource>, ProblemHttpResult>> GetAsync(
        string ns, string name, [AsParameters] ScheduleServices services, CancellationToken cancellationToken) =>
        ChangeAsync(ns, name, services, change: null, cancellationToken);

    private static Task<Results<Ok<ScheduleResource>, ProblemHttpResult>> PauseAsync(
        string ns, string name, [AsParameters] ScheduleServices services, CancellationToken cancellationToken) =>
        ChangeAsync(ns, name, services, (scheduler, key) => scheduler.PauseTrigger(key, cancellationToken), cancellationToken);

    private static Task<Results<Ok<ScheduleResource>, ProblemHttpResult>> ResumeAsync(
        string ns, string name, [AsParameters] ScheduleServices services, CancellationToken cancellationToken) =>
        ChangeAsync(ns, name, services, (scheduler, key) => scheduler.ResumeTrigger(key, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<ScheduleResource>, ProblemHttpResult>> ChangeAsync(
        string ns, string name, ScheduleServices services,
        Func<IScheduler, TriggerKey, ValueTask<bool>>? change, CancellationToken cancellationToken)
    {
        var job = await services.Source.GetAsync(ns, name, cancellationToken);
        if (job is null)
        {
            return ApiProblems.NotFound($"Job {ns}/{name} does not exist or has no schedule.");
        }

        var scheduler = await services.Schedulers.GetScheduler(cancellationToken);
        var key = ScheduleKeys.For(ns, name);
        if (await scheduler.GetTrigger(key, cancellationToken) is null)
        {
            // The apply that created the schedule committed but its sync did not happen (a crash in between).
            await services.Sync.SyncJobAsync(ns, name, cancellationToken);
        }

        if (change is not null)
        {
            await change(scheduler, key);
        }

        var trigger = await scheduler.GetTrigger(key, cancellationToken);
        if (trigger is null)
        {
            return ApiProblems.Status(StatusCodes.Status409Conflict, "Schedule unavailable",
                $"The schedule of {ns}/{name} cannot be built on this server (see its logs; an unknown time zone?).");
        }

        var paused = await scheduler.GetTriggerState(key, cancellationToken) == TriggerState.Paused;
        var schedule = job.Schedule;
        IReadOnlyList<DateTimeOffset> next = paused || trigger.NextFireTimeUtc is not { } first
            ? []
            : [first, .. CronFireTimes.Next(schedule.Cron, schedule.Timezone, first, NextFireTimes - 1)];
        return TypedResults.Ok(new ScheduleResource(ns, name, schedule.Cron.Expression, schedule.Timezone, schedule.CatchUp,
            schedule.Cron.ToQuartz(), paused, trigger.PreviousFireTimeUtc, next));
    }
}
