using Genie.Core.Airflow.Python;

namespace Genie.Core.Airflow.Dag;

/// <summary>
/// The ShortCircuitOperator in front of a task with <c>when</c> conditions. It calls the standard
/// library's <c>operator.truth</c> on the rendered <see cref="WhenCondition"/>, so no Python function is
/// defined in the file; an empty result short-circuits. With <c>ignore_downstream_trigger_rules=False</c>
/// only the gated task is skipped, and everything after it follows its own trigger rule, where a skipped
/// task counts as success exactly like a task Genie skips by condition.
/// </summary>
internal static class WhenGateArguments
{
    // The gate only renders a template; a retry covers a lost worker, not a wrong answer.
    private const int Retries = 2;

    /// <summary>The operator construction for <paramref name="node"/>.</summary>
    public static PyExpr For(DagNode node, DagContext context)
    {
        var task = context.Resolve(node.Task!);
        var keywords = new List<PyKeyword>
        {
            new("task_id", PyExpr.Str(node.TaskId)),
            new("python_callable", PyValues.Name("truth")),
            new("op_args", new PyList([PyExpr.Str(WhenCondition.Template(task.Task.When, context.Params))])),
            new("ignore_downstream_trigger_rules", PyExpr.Bool(false)),
            new("do_xcom_push", PyExpr.Bool(false)),
            new("retries", PyExpr.Int(Retries)),
        };
        keywords.AddRange(SchedulingArguments.RuleAndPriority(node, task.Priority));
        return PyCall.Of(PyValues.Name("ShortCircuitOperator"), keywords, vertical: true);
    }
}
