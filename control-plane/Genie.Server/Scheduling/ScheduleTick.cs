using Genie.Core.Events;
using Genie.Core.Runs;
using Genie.Server.Runs;
using Genie.Server.Runs.Transitions;
using Genie.Server.Store;
using Genie.Server.Telemetry;
using Microsoft.Extensions.Options;

namespace Genie.Server.Scheduling;

/// <summary>
/// What one cron tick does: triggers a run through the normal trigger path (so concurrency policies apply)
/// with the idempotency key <c>schedule:{scheduled time}</c>, so a tick fired twice (a replica died
/// mid-tick and Hangfire ran the job again) makes one run; and records a `schedule.tick` event in the same
/// transaction, with the run or the reason there is none.
/// <para>
/// The scheduled time is the latest cron time at or before the instant Hangfire fired for: a caught-up tick
/// (<c>catchUp: true</c>) comes with its exact cron time, an on-time tick with the instant the scheduler
/// polled, just after it, and the one tick that stands in for all missed ones (<c>catchUp: false</c>) with
/// the instant it was fired after the outage, which makes it the latest tick missed.
/// </para>
/// </summary>
public sealed class ScheduleTick(
    StateChanger changer,
    RunTrigger trigger,
    ScheduleSource schedules,
    IOptions<SchedulingOptions> options,
    GenieInstruments instruments,
    TimeProvider time,
    ILogger<ScheduleTick> logger)
{
    public const string TriggerName = "schedule";
    /// <summary>The idempotency key of the tick due at <paramref name="scheduled"/>.</summary>
    public static string IdempotencyKey(DateTimeOffset scheduled) => $"schedule:{scheduled.UtcDateTime:O}";

    public async Task<ScheduleTicked> FireAsync(string ns, string job, DateTimeOffset firedFor, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginJobScope(ns, job);
        var fired = time.GetUtcNow();
        var schedule = await schedules.GetAsync(ns, job, cancellationToken);
        var scheduled = schedule is null ? firedFor : TickOf(schedule, firedFor);
        var refusal = schedule is null
            ? "the job is deleted or no longer has a schedule"
            : schedule.Schedule.CatchUp && fired - scheduled > options.Value.CatchUpWindow
                ? $"missed tick older than the catch-up window ({options.Value.CatchUpWindow})"
                : null;

        var ticked = await changer.RunAsync(Actors.Scheduler, async tx =>
        {
            var tick = refusal is null
                ? await TriggerAsync(tx, ns, job, scheduled, fired, cancellationToken)
                : new ScheduleTicked(ns, job, scheduled, fired, "none", null, refusal, tx.Actor);
            tx.Record(fired, tick);
            return tick;
        }, cancellationToken);

        // After commit, like the changer's own counts: a tick that rolled back runs again and is measured then.
        instruments.RecordScheduleTick(ns, job, ticked.Outcome, fired - scheduled);
        return ticked;
    }

    // A zone this machine lacks cannot reach here (the recurring job needs it too), but the instant stays usable.
    private static DateTimeOffset TickOf(ScheduledJob schedule, DateTimeOffset firedFor)
    {
        try
        {
            return CronFireTimes.LatestAtOrBefore(schedule.Schedule.Cron, schedule.Schedule.Timezone, firedFor) ?? firedFor;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return firedFor;
        }
    }

    private async Task<ScheduleTicked> TriggerAsync(
        StateTransaction tx, string ns, string job, DateTimeOffset scheduled, DateTimeOffset fired, CancellationToken cancellationToken)
    {
        var outcome = await trigger.TriggerAsync(tx,
            new TriggerCommand(ns, job, TriggerName, JsonParams: null, IdempotencyKey: IdempotencyKey(scheduled)), cancellationToken);
        var run = outcome.Run;
        return outcome.Status switch
        {
            TriggerStatus.Created when run!.RunState == RunState.Skipped =>
                new ScheduleTicked(ns, job, scheduled, fired, "skipped", run.Id, run.Reason, tx.Actor),
            TriggerStatus.Created => new ScheduleTicked(ns, job, scheduled, fired, "created", run!.Id, null, tx.Actor),
            TriggerStatus.Existing => new ScheduleTicked(ns, job, scheduled, fired, "existing", run!.Id, "this tick already made its run", tx.Actor),
            _ => new ScheduleTicked(ns, job, scheduled, fired, "none", null, Describe(outcome), tx.Actor),
        };
    }

    private static string Describe(TriggerOutcome outcome)
    {
        var detail = outcome.Detail ?? string.Join("; ", outcome.Errors.Select(e => $"{e.Path}: {e.Message}"));
        return detail.Length > 0 ? $"{outcome.Status}: {detail}" : outcome.Status.ToString();
    }
}
