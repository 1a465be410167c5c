using Genie.Core.Graph;
using Genie.Core.Specs;

namespace Genie.Core.Airflow.Dag;

/// <summary>
/// The Airflow task graph that reproduces <see cref="Runs.RunPlanner"/>'s semantics (see MAPPING.md):
/// <list type="bullet">
/// <item>each Genie task becomes one task whose trigger rule comes from <c>runIf</c>;</item>
/// <item>a task with <c>when</c> conditions is preceded by a gate that takes over its upstreams and
/// trigger rule and skips it when the conditions fail, so conditions are only looked at once the task
/// would run, and a task blocked by a failure is still upstream-failed rather than skipped;</item>
/// <item>an optional task is followed by a barrier (<c>all_done</c>) that downstream tasks depend on
/// instead, so its failure never counts upstream;</item>
/// <item>one outcome task depends on every non-optional task and every barrier with <c>none_failed</c>:
/// it is the DAG's only leaf, so Airflow's rule "the run fails when a leaf failed" becomes Genie's rule
/// "the run fails when a non-optional task did not succeed or skip".</item>
/// </list>
/// Nodes come in the job's topological order (gate, task, barrier), then the outcome.
/// </summary>
internal sealed record DagPlan(IReadOnlyList<DagNode> Nodes)
{
    /// <summary>The plan of a validated job.</summary>
    public static DagPlan For(JobDefinition job)
    {
        var tasks = job.Spec.Tasks.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var nodes = new List<DagNode>();
        var outcomeUpstream = new List<string>();
        foreach (var name in JobGraph.FromTasks(job.Spec.Tasks).TopologicalOrder)
        {
            var task = tasks[name];
            var sources = task.DependsOn.Select(d => tasks[d].Optional ? AirflowTaskIds.OptionalBarrier(d) : AirflowTaskIds.For(d)).ToList();
            var rule = TriggerRules.For(task.RunIf);
            if (task.When.Count > 0)
            {
                nodes.Add(new DagNode(AirflowTaskIds.WhenGate(name), Variable("when", name), DagNodeKind.WhenGate, rule, sources, task));
                (sources, rule) = ([AirflowTaskIds.WhenGate(name)], TriggerRules.AllSuccess);
            }

            var kind = task.Kind == TaskKind.Job ? DagNodeKind.ChildJob : DagNodeKind.Pod;
            nodes.Add(new DagNode(AirflowTaskIds.For(name), Variable("task", name), kind, rule, sources, task));
            if (task.Optional)
            {
                nodes.Add(new DagNode(AirflowTaskIds.OptionalBarrier(name), Variable("optional", name), DagNodeKind.OptionalBarrier,
                    TriggerRules.AllDone, [AirflowTaskIds.For(name)], task));
                outcomeUpstream.Add(AirflowTaskIds.OptionalBarrier(name));
            }
            else
            {
                outcomeUpstream.Add(AirflowTaskIds.For(name));
            }
        }

        nodes.Add(new DagNode(AirflowTaskIds.Outcome, "outcome", DagNodeKind.Outcome, TriggerRules.NoneFailed, outcomeUpstream, null));
        return new DagPlan(nodes);
    }

    // Task names are DNS-1123 labels: replacing '-' with '_' is one-to-one, and the prefix keeps the
    // result from being a keyword or starting with a digit.
    private static string Variable(string prefix, string task) => prefix + "_" + task.Replace('-', '_');
}
