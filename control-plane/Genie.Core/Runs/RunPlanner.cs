using Genie.Core.Graph;
using Genie.Core.Specs;

namespace Genie.Core.Runs;

/// <summary>
/// The run semantics shared by every executor, as a pure function of the job, its params and the
/// current task states. Rules:
/// <list type="bullet">
/// <item>A task is considered once all its upstream tasks are terminal.</item>
/// <item>An upstream task "failed" when a replica failed, was cancelled or upstream-failed, unless the
/// upstream task is optional (optional failures never count).</item>
/// <item><c>runIf: success</c> runs when no upstream failed, else becomes upstream_failed;
/// <c>failure</c> runs when one did, else is skipped; <c>always</c> runs regardless.</item>
/// <item>A task about to run whose <c>when</c> conditions do not hold is skipped; skipped counts as
/// success downstream.</item>
/// <item>The run succeeds when every non-optional task succeeded or was skipped; otherwise it fails.</item>
/// </list>
/// </summary>
public static class RunPlanner
{
    public static RunPlan Plan(
        JobDefinition job,
        JobGraph graph,
        IReadOnlyDictionary<string, ParamValue> parameters,
        IReadOnlyList<TaskInstance> instances)
    {
        var tasks = job.Spec.Tasks.ToDictionary(t => t.Name);
        var states = instances.ToDictionary(i => (i.Task, i.Replica), i => i.State);
        var byTask = instances.GroupBy(i => i.Task).ToDictionary(g => g.Key, g => g.Select(i => i.Replica).Order().ToList());
        var start = new List<TaskInstance>();
        var settle = new List<TaskSettlement>();

        // Settling one task can unblock another in the same pass (a chain of upstream failures), so sweep
        // in topological order: every upstream is decided before its downstream is looked at.
        foreach (var name in graph.TopologicalOrder)
        {
            var replicas = byTask.GetValueOrDefault(name) ?? [];
            var pending = replicas.Where(r => states[(name, r)] == TaskState.Pending).ToList();
            if (pending.Count == 0)
            {
                continue;
            }

            var upstream = graph.Upstream(name);
            if (!upstream.All(u => AllTerminal(u, byTask, states)))
            {
                continue;
            }

            var failedUpstream = upstream.FirstOrDefault(u => !tasks[u].Optional && AnyFailed(u, byTask, states));
            var task = tasks[name];
            var (state, reason) = task.RunIf switch
            {
                RunIf.Success when failedUpstream is not null => (TaskState.UpstreamFailed, $"upstream task `{failedUpstream}` failed"),
                RunIf.Failure when failedUpstream is null => (TaskState.Skipped, "runIf: failure, and no upstream task failed"),
                _ => Unmet(task, parameters),
            };

            foreach (var replica in pending)
            {
                if (state is { } settled)
                {
                    states[(name, replica)] = settled;
                    settle.Add(new TaskSettlement(name, replica, settled, reason!));
                }
                else
                {
                    start.Add(new TaskInstance(name, replica, TaskState.Pending));
                }
            }
        }

        return new RunPlan(start, settle, start.Count == 0 ? Outcome(job, byTask, states) : null);
    }

    /// <summary>The run's outcome once every instance is terminal; null while any is not.</summary>
    public static RunState? Outcome(JobDefinition job, IReadOnlyList<TaskInstance> instances)
    {
        var states = instances.ToDictionary(i => (i.Task, i.Replica), i => i.State);
        var byTask = instances.GroupBy(i => i.Task).ToDictionary(g => g.Key, g => g.Select(i => i.Replica).ToList());
        return Outcome(job, byTask, states);
    }

    private static RunState? Outcome(
        JobDefinition job, Dictionary<string, List<int>> byTask, Dictionary<(string, int), TaskState> states)
    {
        if (states.Values.Any(s => !s.IsTerminal()))
        {
            return null;
        }

        var failed = job.Spec.Tasks.Any(t => !t.Optional &&
            (byTask.GetValueOrDefault(t.Name) ?? []).Any(r => !states[(t.Name, r)].IsSuccessLike()));
        return failed ? RunState.Failed : RunState.Succeeded;
    }

    private static (TaskState?, string?) Unmet(TaskSpec task, IReadOnlyDictionary<string, ParamValue> parameters)
    {
        var unmet = task.When.FirstOrDefault(c => !c.IsSatisfiedBy(parameters.GetValueOrDefault(c.Param)));
        return unmet is null
            ? (null, null)
            : (TaskState.Skipped, $"when: param `{unmet.Param}` is `{parameters.GetValueOrDefault(unmet.Param)?.ToText() ?? "unset"}`");
    }

    private static bool AllTerminal(string task, Dictionary<string, List<int>> byTask, Dictionary<(string, int), TaskState> states) =>
        (byTask.GetValueOrDefault(task) ?? []).All(r => states[(task, r)].IsTerminal());

    private static bool AnyFailed(string task, Dictionary<string, List<int>> byTask, Dictionary<(string, int), TaskState> states) =>
        (byTask.GetValueOrDefault(task) ?? []).Any(r => states[(task, r)] is TaskState.Failed or TaskState.Cancelled or TaskState.UpstreamFailed);
}
