namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// What the pod of a KubernetesPodOperator task does in the fake, try by try: exits with a code (0 succeeds, a code
/// in `skip_on_exit_code` skips, any other fails; the last code repeats for later tries), or keeps running until
/// the run is stopped. Tests set it; a task without one exits 0.
/// </summary>
public sealed record FakeTaskOutcome(IReadOnlyList<int> ExitCodes, bool RunsUntilStopped = false)
{
    public static FakeTaskOutcome Succeeds { get; } = new([0]);

    public static FakeTaskOutcome Hangs { get; } = new([], RunsUntilStopped: true);

    /// <summary>The exit code of try 1, try 2, ...: <c>Exits(1, 0)</c> fails once and then succeeds.</summary>
    public static FakeTaskOutcome Exits(params int[] codesByTry) => new(codesByTry);

    public int ExitCodeOf(int tryNumber) => ExitCodes[Math.Min(tryNumber, ExitCodes.Count) - 1];
}
