using System.Globalization;
using Genie.Core.Specs;

namespace Genie.Core.Airflow;

/// <summary>
/// The run id a child-job task gives the DAG run it triggers: <c>PARENT__TASK__TRY</c>, the parent's
/// run id, the task's name and Airflow's try number. It is deterministic (a re-run of the same try
/// finds the same run instead of starting a second one), a retry gets a new child run as with the local
/// executor, and Genie can link an unknown DAG run back to its parent by parsing it.
/// </summary>
public static class ChildRunIds
{
    private const string Separator = "__";

    /// <summary>The child run id for one try of a parent task.</summary>
    public static string Format(string parentRunId, string task, int tryNumber) =>
        parentRunId + Separator + task + Separator + tryNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>Splits a child run id; false when <paramref name="runId"/> does not have that shape.</summary>
    public static bool TryParse(string runId, out string parentRunId, out string task, out int tryNumber)
    {
        parentRunId = task = "";
        tryNumber = 0;

        // Parent run ids may themselves contain "__" (Airflow's manual__... ids, or a grandparent's
        // child id), task names and try numbers never do: split from the right.
        var last = runId.LastIndexOf(Separator, StringComparison.Ordinal);
        if (last <= 0 || !int.TryParse(runId.AsSpan(last + Separator.Length), NumberStyles.None, CultureInfo.InvariantCulture, out tryNumber))
        {
            return false;
        }

        var middle = runId.LastIndexOf(Separator, last - 1, StringComparison.Ordinal);
        if (middle <= 0 || !SpecNames.IsDns1123Label(runId[(middle + Separator.Length)..last]))
        {
            return false;
        }

        (parentRunId, task) = (runId[..middle], runId[(middle + Separator.Length)..last]);
        return true;
    }

    /// <summary>The Jinja template the DAG file uses for <see cref="Format"/>.</summary>
    internal static string Template(string task) => "{{ run_id }}" + Separator + task + Separator + "{{ ti.try_number }}";
}
