using Genie.Core.Airflow.Jinja;
using Genie.Core.Airflow.Python;

namespace Genie.Core.Airflow.Dag;

/// <summary>
/// The TriggerDagRunOperator of a job task. It triggers the child job's DAG with the child params as
/// conf (their text after substitution, the form <see cref="DagRunConf"/> gives Genie's own triggers),
/// under the run id <see cref="ChildRunIds"/> describes, with no logical date (like Genie's triggers),
/// and with <c>wait</c> it follows the child run to its end and fails when the child run fails.
/// </summary>
internal static class ChildJobArguments
{
    // Airflow's default of 60s would delay the parent by up to a minute after the child ends.
    private const int PokeIntervalSeconds = 10;

    /// <summary>The operator construction for <paramref name="node"/>.</summary>
    public static PyExpr For(DagNode node, DagContext context) =>
        PyCall.Of(PyValues.Name("TriggerDagRunOperator"), Keywords(node, context), vertical: true);

    private static IEnumerable<PyKeyword> Keywords(DagNode node, DagContext context)
    {
        var task = context.Resolve(node.Task!);
        var child = task.Task.Job!;
        yield return new PyKeyword("task_id", PyExpr.Str(node.TaskId));
        if (task.Task.Description is { } description)
        {
            yield return new PyKeyword("doc", PyExpr.Str(description));
        }

        var dagId = DagIds.For(child.Namespace ?? context.Namespace, child.Name);
        yield return new PyKeyword("trigger_dag_id", PyExpr.Str(JinjaTemplate.Verbatim(dagId, TextDestination.Plain)));
        yield return new PyKeyword("trigger_run_id", PyExpr.Str(ChildRunIds.Template(task.Task.Name)));
        yield return new PyKeyword("conf", PyExpr.StrDict(child.Params.Select(p =>
            new KeyValuePair<string, string>(p.Key, SpecTemplate.Render(p.Value, context.Params, TextDestination.Plain)))));
        yield return new PyKeyword("logical_date", PyExpr.None);
        yield return new PyKeyword("wait_for_completion", PyExpr.Bool(child.Wait));
        if (child.Wait)
        {
            yield return new PyKeyword("poke_interval", PyExpr.Int(PokeIntervalSeconds));
        }

        foreach (var keyword in SchedulingArguments.For(task, node, context))
        {
            yield return keyword;
        }
    }
}
