using Genie.Core.Runs;

namespace Genie.Benchmarks.ApiAtScale;

/// <summary>
/// Replays a generated run the way Genie executes a chain of tasks: each task starts when the one before it
/// ended, its replicas in parallel; a failed run stops at <see cref="ScaleRun.StopAt"/> with the downstream tasks
/// upstream-failed, a cancelled one there with the rest cancelled, a live one there with the rest pending.
/// The same run always replays to the same rows, so separate writers agree.
/// </summary>
public static class RunTimeline
{
    public const string CancelReason = "cancelled by request";

    /// <summary>Fills <paramref name="tasks"/> (cleared first) and returns the run's start, finish and last change.</summary>
    public static (DateTime? StartedAt, DateTime? FinishedAt, DateTime UpdatedAt) Replay(
        in ScaleRun run, ScaleJob job, DateTime now, List<TaskRow> tasks)
    {
        tasks.Clear();
        var random = new SplitMix64(run.Seed);
        if (run.State is RunState.Skipped or RunState.Queued)
        {
            return (null, run.State == RunState.Skipped ? run.CreatedAt : null, run.CreatedAt);
        }

        var started = Clamp(run.CreatedAt + Seconds(1 + random.Below(5)), now);
        var at = started;
        var stopped = false;
        for (var position = 0; position < job.Shape.Chain.Count; position++)
        {
            var (task, replicas) = job.Shape.Chain[position];
            var stage = stopped ? StageKind.After : run.State == RunState.Succeeded || position < run.StopAt ? StageKind.Done : StageKind.Stop;
            var stageEnd = at;
            var failing = stage == StageKind.Stop && run.State == RunState.Failed ? random.Below(replicas) : -1;
            for (var replica = 0; replica < replicas; replica++)
            {
                var row = Instance(run, job, stage, task, replica, replica == failing, at, now, ref random);
                stageEnd = Max(stageEnd, row.FinishedAt ?? at);
                tasks.Add(row);
            }

            stopped |= stage == StageKind.Stop;
            at = stage == StageKind.After ? at : Clamp(stageEnd + Seconds(1), now);
        }

        if (!run.State.IsTerminal())
        {
            // A live run last changed when its latest task did (or when it started).
            var updated = tasks.Count == 0 ? started : tasks.Max(t => t.UpdatedAt);
            return (started, null, updated);
        }

        // Downstream rows were written when the run ended; give them the run's end.
        for (var i = 0; i < tasks.Count; i++)
        {
            if (tasks[i].State is TaskState.UpstreamFailed or TaskState.Cancelled && tasks[i].Attempts == 0)
            {
                tasks[i] = tasks[i] with { FinishedAt = at, UpdatedAt = at };
            }
        }

        return (started, at, at);
    }

    private static TaskRow Instance(
        in ScaleRun run, ScaleJob job, StageKind stage, string task, int replica, bool failing, DateTime at, DateTime now,
        ref SplitMix64 random)
    {
        var duration = Seconds(5 + random.Below(600));
        switch (stage)
        {
            case StageKind.Done:
            {
                // A few instances needed an automatic retry before they succeeded.
                var attempts = job.RetryLimit > 0 && random.Chance(0.03) ? 2 : 1;
                var end = Clamp(at + duration * attempts + Seconds(30 * (attempts - 1)), now);
                return new TaskRow(task, replica, TaskState.Succeeded, null, attempts, 0, at, end, end);
            }

            case StageKind.Stop when run.State == RunState.Failed && failing:
            {
                var attempts = job.RetryLimit + 1;
                var end = Clamp(at + duration * attempts + Seconds(30 * (attempts - 1)), now);
                return new TaskRow(task, replica, TaskState.Failed, "exit code 1", attempts, 1, at, end, end);
            }

            case StageKind.Stop when run.State == RunState.Failed:
            {
                var end = Clamp(at + duration, now);
                return new TaskRow(task, replica, TaskState.Succeeded, null, 1, 0, at, end, end);
            }

            case StageKind.Stop when run.State == RunState.Cancelled:
            {
                var end = Clamp(at + duration / 2, now);
                return new TaskRow(task, replica, TaskState.Cancelled, CancelReason, 1, null, at, end, end);
            }

            case StageKind.Stop when run.State == RunState.Running:
                return new TaskRow(task, replica, TaskState.Running, "attempt 1", 1, null, at, null, at);

            case StageKind.After when run.State == RunState.Failed:
                return new TaskRow(task, replica, TaskState.UpstreamFailed, null, 0, null, null, null, at);

            case StageKind.After when run.State == RunState.Cancelled:
                return new TaskRow(task, replica, TaskState.Cancelled, CancelReason, 0, null, null, null, at);

            default:
                // Live runs: tasks not reached yet (a suspended run stopped before this one) wait as pending.
                return new TaskRow(task, replica, TaskState.Pending, null, 0, null, null, null, at);
        }
    }

    private static TimeSpan Seconds(int seconds) => TimeSpan.FromSeconds(seconds);

    private static DateTime Clamp(DateTime time, DateTime now) => time > now ? now : time;

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private enum StageKind
    {
        Done,
        Stop,
        After,
    }
}
