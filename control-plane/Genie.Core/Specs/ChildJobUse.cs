namespace Genie.Core.Specs;

/// <summary>A task that triggers a job of another namespace, with the path of that namespace in the spec.</summary>
public sealed record ChildJobUse(string Path, string Namespace)
{
    /// <summary>Every child job task of <paramref name="job"/> (applied in <paramref name="ns"/>) that reaches into another namespace.</summary>
    public static IReadOnlyList<ChildJobUse> OutsideOf(JobDefinition job, string ns) =>
        job.Spec.Tasks
            .Select((task, i) => (task.Job, Path: $"spec.tasks[{i}].job.namespace"))
            .Where(t => t.Job?.Namespace is { } other && other != ns)
            .Select(t => new ChildJobUse(t.Path, t.Job!.Namespace!))
            .ToList();
}
