using Genie.Core.Specs;

namespace Genie.Core.Airflow;

/// <summary>
/// The <c>conf</c> of a DAG run Genie triggers: every resolved param as its text
/// (<see cref="ParamValue.ToText"/>), which is what the generated DAG declares and prints, so a task
/// sees the same characters the local executor would pass (<c>true</c>, not Python's <c>True</c>;
/// <c>1.5E+20</c>, not <c>1.5e+20</c>). Params without a value are left out and take their DAG default.
/// </summary>
public static class DagRunConf
{
    /// <summary>The conf object, keys in ordinal order.</summary>
    public static IReadOnlyDictionary<string, string> For(IReadOnlyDictionary<string, ParamValue> parameters) =>
        new SortedDictionary<string, string>(parameters.ToDictionary(p => p.Key, p => p.Value.ToText()), StringComparer.Ordinal);
}
