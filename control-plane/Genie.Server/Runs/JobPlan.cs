using Genie.Core.Graph;
using Genie.Core.Specs;

namespace Genie.Server.Runs;

/// <summary>A job version ready to execute: its definition, its DAG and every task with inherited settings resolved.</summary>
public sealed record JobPlan(JobDefinition Definition, JobGraph Graph, IReadOnlyDictionary<string, ResolvedTask> Tasks)
{
    public static JobPlan From(JobDefinition definition) => new(
        definition,
        JobGraph.FromTasks(definition.Spec.Tasks),
        definition.Spec.Tasks.ToDictionary(t => t.Name, t => ResolvedTask.Resolve(definition.Spec, t), StringComparer.Ordinal));

    /// <summary>Every (task, replica) instance of a run of this version, with its effective priority.</summary>
    public IEnumerable<(string Task, int Replica, int Priority)> Instances() =>
        Definition.Spec.Tasks.SelectMany(t => Enumerable.Range(0, t.Replicas).Select(r => (t.Name, r, Tasks[t.Name].Priority)));
}
