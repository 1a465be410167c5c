namespace Genie.Cli.Runs;

/// <summary>The exit code a finished run stands for: succeeded 0, failed 1, cancelled or skipped 9; null while it goes on.</summary>
public static class RunOutcome
{
    public static int? ExitCodeOf(string state) => state switch
    {
        "succeeded" => ExitCodes.Ok,
        "failed" => ExitCodes.Failure,
        "cancelled" or "skipped" => ExitCodes.RunCancelled,
        _ => null,
    };
}
