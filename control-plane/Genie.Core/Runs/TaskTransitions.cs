namespace Genie.Core.Runs;

/// <summary>
/// The moves of a task instance. The local executor walks pending → queued → running → succeeded | failed |
/// skipped | retrying (→ queued again), and settles pending instances as skipped or upstream_failed; a child-job
/// task goes from pending or retrying straight to running, retrying, succeeded or failed when its child run is
/// triggered. Airflow's scheduler may be seen at any step, so an unfinished instance may jump to any state the
/// mirror reports. Every unfinished instance can be cancelled. A retry of the run resets finished instances to
/// pending; nothing else leaves a finished state.
/// </summary>
public static class TaskTransitions
{
    private static readonly TaskState[] Ends =
        [TaskState.Succeeded, TaskState.Failed, TaskState.Skipped, TaskState.UpstreamFailed, TaskState.Cancelled];

    public static TransitionTable<TaskState> Table { get; } = new([
        (TaskState.Pending, [TaskState.Queued, TaskState.Running, TaskState.Retrying, .. Ends]),
        (TaskState.Queued, [TaskState.Pending, TaskState.Running, TaskState.Retrying, .. Ends]),
        (TaskState.Running, [TaskState.Pending, TaskState.Queued, TaskState.Retrying, .. Ends]),
        (TaskState.Retrying, [TaskState.Pending, TaskState.Queued, TaskState.Running, TaskState.Retrying, .. Ends]),
        (TaskState.Succeeded, [TaskState.Pending]),
        (TaskState.Failed, [TaskState.Pending]),
        (TaskState.Skipped, [TaskState.Pending]),
        (TaskState.UpstreamFailed, [TaskState.Pending]),
        (TaskState.Cancelled, [TaskState.Pending]),
    ]);
}
