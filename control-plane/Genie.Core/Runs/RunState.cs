namespace Genie.Core.Runs;

/// <summary>Where a run is in its life; the last four are terminal.</summary>
public enum RunState
{
    Queued,
    Running,
    Suspended,
    Succeeded,
    Failed,
    Cancelled,
    Skipped,
}

/// <summary>The wire names of run states (`queued`, `running`, ...) and their rules.</summary>
public static class RunStates
{
    public static string ToWire(this RunState state) => state switch
    {
        RunState.Queued => "queued",
        RunState.Running => "running",
        RunState.Suspended => "suspended",
        RunState.Succeeded => "succeeded",
        RunState.Failed => "failed",
        RunState.Cancelled => "cancelled",
        RunState.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static bool TryParse(string? wire, out RunState state)
    {
        foreach (var candidate in Enum.GetValues<RunState>())
        {
            if (candidate.ToWire() == wire)
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }

    public static RunState Parse(string wire) =>
        TryParse(wire, out var state) ? state : throw new FormatException($"`{wire}` is not a run state");

    /// <summary>Terminal runs never change state again, except through an explicit retry.</summary>
    public static bool IsTerminal(this RunState state) =>
        state is RunState.Succeeded or RunState.Failed or RunState.Cancelled or RunState.Skipped;

    /// <summary>Active runs count against concurrency limits.</summary>
    public static bool IsActive(this RunState state) => state is RunState.Running or RunState.Suspended;

    public const string AllWireNames = "queued, running, suspended, succeeded, failed, cancelled, skipped";
}
