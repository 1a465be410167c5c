namespace Genie.Core.Runs;

/// <summary>Where one try of one task instance is: running until it ends one of four ways.</summary>
public enum AttemptState
{
    Running,
    Succeeded,
    Failed,
    Skipped,
    Cancelled,
}

/// <summary>The wire names of attempt states.</summary>
public static class AttemptStates
{
    public static string ToWire(this AttemptState state) => state switch
    {
        AttemptState.Running => "running",
        AttemptState.Succeeded => "succeeded",
        AttemptState.Failed => "failed",
        AttemptState.Skipped => "skipped",
        AttemptState.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static AttemptState Parse(string wire) => wire switch
    {
        "running" => AttemptState.Running,
        "succeeded" => AttemptState.Succeeded,
        "failed" => AttemptState.Failed,
        "skipped" => AttemptState.Skipped,
        "cancelled" => AttemptState.Cancelled,
        _ => throw new FormatException($"`{wire}` is not an attempt state"),
    };

    public static bool IsTerminal(this AttemptState state) => state != AttemptState.Running;
}
