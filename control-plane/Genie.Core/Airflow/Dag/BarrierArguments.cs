using Genie.Core.Airflow.Python;

namespace Genie.Core.Airflow.Dag;

/// <summary>
/// The EmptyOperators Genie adds: an optional task's barrier and the run's outcome task. Airflow's
/// scheduler completes them itself once their trigger rule is met, without a worker.
/// </summary>
internal static class BarrierArguments
{
    /// <summary>The operator construction for <paramref name="node"/>.</summary>
    public static PyExpr For(DagNode node) => PyCall.Of(
        PyValues.Name("EmptyOperator"),
        [new PyKeyword("task_id", PyExpr.Str(node.TaskId)), new PyKeyword("trigger_rule", PyExpr.Str(node.TriggerRule))],
        vertical: true);
}
