namespace Genie.Core.Runs;

/// <summary>Where one task instance (one replica of a task in a run) is in its life.</summary>
public enum TaskState
{
    Pending,
    Queued,
    Running,
    Retrying,
    Succeeded,
    Failed,
    Skipped,
    UpstreamFailed,
    Cancelled,
}

/// <summary>The wire names of task states (`upstream_failed`, ...) and their rules.</summary>
public static class TaskStates
{
    public static string ToWire(this TaskState state) => state switch
    {
        TaskState.Pending => "pending",
        TaskState.Queued => "queued",
        TaskState.Running => "running",
        TaskState.Retrying => "retrying",
        TaskState.Succeeded => "succeeded",
        TaskState.Failed => "failed",
        TaskState.Skipped => "skipped",
        TaskState.UpstreamFailed => "upstream_failed",
        TaskState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static TaskState Parse(string wire)
    {
        foreach (var candidate in Enum.GetValues<TaskState>())
        {
            if (candidate.ToWire() == wire)
            {
                return candidate;
            }
        }

        throw new FormatException($"`{wire}` is not a task state");
    }

    public static bool IsTerminal(this TaskState state) =>
        state is TaskState.Succeeded or TaskState.Failed or TaskState.Skipped or TaskState.UpstreamFailed or TaskState.Cancelled;

    /// <summary>Outcomes that let `runIf: success` downstream tasks run (skips by condition or exit code included).</summary>
    public static bool IsSuccessLike(this TaskState state) => state is TaskState.Succeeded or TaskState.Skipped;
}
