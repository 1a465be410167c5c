using Genie.Core.Graph;
using Genie.Core.Runs;
using Genie.Core.Specs;
using static Genie.Core.Tests.Specs.SpecAssertions;
using static Genie.Core.Tests.Specs.SpecDocuments;

namespace Genie.Core.Tests.Runs;

/// <summary>
/// A parsed job with its graph, plus the small builders the run tests share: instance lists for the
/// planner and param dictionaries for invocations.
/// </summary>
internal sealed record RunSpecs(JobDefinition Job, JobGraph Graph)
{
    /// <summary>Parses a valid job whose <c>tasks:</c> list is <paramref name="tasks"/> (YAML) with optional extra spec lines.</summary>
    public static RunSpecs Parse(string tasks, string spec = "")
    {
        var job = ShouldParse(WithTasks(tasks, spec));
        return new RunSpecs(job, JobGraph.FromTasks(job.Spec.Tasks));
    }

    /// <summary>The resolved form of the task named <paramref name="name"/>, as an executor runs it.</summary>
    public ResolvedTask Resolved(string name) => ResolvedTask.Resolve(Job.Spec, Job.Spec.Tasks.Single(t => t.Name == name));

    /// <summary>Every replica of every task, pending unless <paramref name="states"/> gives its task a state.</summary>
    public List<TaskInstance> Instances(params (string Task, TaskState State)[] states) =>
        Job.Spec.Tasks
            .SelectMany(t => Enumerable.Range(0, t.Replicas).Select(r => new TaskInstance(
                t.Name, r, states.Where(s => s.Task == t.Name).Select(s => (TaskState?)s.State).LastOrDefault() ?? TaskState.Pending)))
            .ToList();

    /// <summary>Plans with every replica of a named task in the given state and everything else pending.</summary>
    public RunPlan Plan(params (string Task, TaskState State)[] states) => Plan(Instances(states));

    /// <summary>Plans over exactly <paramref name="instances"/>.</summary>
    public RunPlan Plan(IReadOnlyList<TaskInstance> instances, IReadOnlyDictionary<string, ParamValue>? parameters = null) =>
        RunPlanner.Plan(Job, Graph, parameters ?? Params(), instances);

    /// <summary>Text params by name.</summary>
    public static Dictionary<string, ParamValue> Params(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => (ParamValue)new ParamValue.Text(v.Value), StringComparer.Ordinal);
}

/// <summary>Readable views of a <see cref="RunPlan"/> for assertions.</summary>
internal static class RunPlanViews
{
    /// <summary>The started instances as <c>task/replica</c>, in plan order.</summary>
    public static string[] Started(this RunPlan plan) => plan.Start.Select(i => $"{i.Task}/{i.Replica}").ToArray();

    /// <summary>The settlements as <c>task/replica=state</c>, in plan order.</summary>
    public static string[] Settled(this RunPlan plan) => plan.Settle.Select(s => $"{s.Task}/{s.Replica}={s.State.ToWire()}").ToArray();

    /// <summary>The single settlement of <paramref name="task"/> (one replica).</summary>
    public static TaskSettlement SettlementOf(this RunPlan plan, string task) => plan.Settle.Single(s => s.Task == task);
}
