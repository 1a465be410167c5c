namespace Genie.Core.Tests.Airflow;

/// <summary>
/// A model of how Airflow's scheduler settles a DAG run once every task has finished (KPO_PARAMS.md
/// trigger rules; dagrun.py: a run fails when any leaf failed or upstream-failed): tasks are decided in
/// the file's order, which is topological, from their upstream states and trigger rule; a
/// ShortCircuitOperator whose callable is falsy skips its direct downstream tasks.
/// </summary>
internal static class AirflowSchedulerModel
{
    /// <summary>A finished task instance's state.</summary>
    public enum State
    {
        Success,
        Failed,
        Skipped,
        UpstreamFailed,
    }

    /// <summary>The final state of every task instance, and whether the DAG run succeeded.</summary>
    /// <param name="dag">The generated file.</param>
    /// <param name="outcome">How a task instance that runs ends (task id, map index).</param>
    /// <param name="gatePasses">Whether the ShortCircuitOperator with this task id lets its task run.</param>
    public static (Dictionary<string, List<State>> States, bool Succeeded) Run(
        DagValues dag, Func<string, int, State> outcome, Func<string, bool> gatePasses)
    {
        var states = new Dictionary<string, List<State>>(StringComparer.Ordinal);
        var skippedByGate = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in dag.Order)
        {
            var task = dag.Tasks[id];
            var upstream = task.Upstream.SelectMany(u => states[u]).ToList();
            var decided = skippedByGate.Contains(id) ? State.Skipped : Decide(task.TriggerRule, upstream);
            if (decided is { } settled)
            {
                states[id] = Enumerable.Repeat(settled, task.Instances).ToList();
                continue;
            }

            states[id] = task.Operator switch
            {
                "EmptyOperator" => [State.Success],
                "ShortCircuitOperator" => [State.Success],
                _ => Enumerable.Range(0, task.Instances).Select(i => outcome(id, i)).ToList(),
            };
            if (task.Operator == "ShortCircuitOperator" && !gatePasses(id))
            {
                skippedByGate.UnionWith(dag.Order.Where(d => dag.Tasks[d].Upstream.Contains(id)));
            }
        }

        var leaves = dag.Order.Where(id => !dag.Order.Any(d => dag.Tasks[d].Upstream.Contains(id)));
        var failed = leaves.SelectMany(l => states[l]).Any(s => s is State.Failed or State.UpstreamFailed);
        return (states, !failed);
    }

    // null: the task runs.
    private static State? Decide(string rule, List<State> upstream)
    {
        var anyFailed = upstream.Any(s => s is State.Failed or State.UpstreamFailed);
        return rule switch
        {
            "all_success" => anyFailed ? State.UpstreamFailed : upstream.Contains(State.Skipped) ? State.Skipped : null,
            "none_failed" => anyFailed ? State.UpstreamFailed : null,
            "one_failed" => upstream.Count == 0 || anyFailed ? null : State.Skipped,
            "all_done" => null,
            _ => throw new ArgumentException($"the model does not know trigger rule `{rule}`", nameof(rule)),
        };
    }
}
