using Genie.Core.Specs;

namespace Genie.Core.Airflow.Dag;

/// <summary>The Airflow trigger rules Genie uses and how <c>runIf</c> maps onto them.</summary>
internal static class TriggerRules
{
    /// <summary>Run when every upstream succeeded (used behind Genie's own gates).</summary>
    public const string AllSuccess = "all_success";

    /// <summary>Run when no upstream failed or upstream-failed; skipped upstreams count as success.</summary>
    public const string NoneFailed = "none_failed";

    /// <summary>Run as soon as one upstream failed or upstream-failed; skipped when none did.</summary>
    public const string OneFailed = "one_failed";

    /// <summary>Run once every upstream finished, whatever its state.</summary>
    public const string AllDone = "all_done";

    /// <summary>The rule for a task's <c>runIf</c>.</summary>
    public static string For(RunIf runIf) => runIf switch
    {
        RunIf.Success => NoneFailed,
        RunIf.Failure => OneFailed,
        RunIf.Always => AllDone,
        _ => throw new ArgumentOutOfRangeException(nameof(runIf), runIf, null),
    };
}
