using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Portal.Runs;

/// <summary>An operation a person can ask of a run: the words of its button and confirmation, and the call it makes.</summary>
public sealed record RunAction(
    string Key, string Label, string Question, Func<GenieClient, string, string, CancellationToken, Task<RunResource>> Perform)
{
    public static readonly RunAction Cancel = new("cancel", "Cancel",
        "Cancel this run? Running tasks are stopped (SIGTERM, then SIGKILL).", (g, ns, id, t) => g.CancelRunAsync(ns, id, t));
    public static readonly RunAction Suspend = new("suspend", "Suspend",
        "Suspend this run? No new task starts until it is resumed.", (g, ns, id, t) => g.SuspendRunAsync(ns, id, t));
    public static readonly RunAction Resume = new("resume", "Resume",
        "Resume this run?", (g, ns, id, t) => g.ResumeRunAsync(ns, id, t));
    public static readonly RunAction RetryFailed = new("retry-failed", "Retry failed",
        "Run the failed tasks, and everything after them, again?", (g, ns, id, t) => g.RetryRunAsync(ns, id, "failed", t));
    public static readonly RunAction RetryAll = new("retry-all", "Retry all",
        "Run every task of this run again?", (g, ns, id, t) => g.RetryRunAsync(ns, id, "all", t));

    /// <summary>The operations that make sense for a run in <paramref name="state"/>; the server still has the last word.</summary>
    public static IReadOnlyList<RunAction> For(string state) => state switch
    {
        "queued" or "running" => [Suspend, Cancel],
        "suspended" => [Resume, Cancel],
        "failed" or "cancelled" => [RetryFailed, RetryAll],
        "succeeded" => [RetryAll],
        _ => [],
    };

    /// <summary>True while the run can still change by itself (its timeline reaches to now).</summary>
    public static bool IsMoving(string state) => state is "queued" or "running" or "suspended";
}
