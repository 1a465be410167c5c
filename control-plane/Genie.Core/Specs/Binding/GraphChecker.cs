using Genie.Core.Graph;

namespace Genie.Core.Specs.Binding;

/// <summary>
/// Collects each task's name and <c>dependsOn</c> entries while tasks are bound, then reports the
/// problems <see cref="JobGraph.Analyze"/> finds at the exact name or entry they concern.
/// </summary>
internal sealed class GraphChecker(FieldReader read)
{
    private readonly List<(Field NameField, string Name, List<Dependency> DependsOn)> _tasks = [];

    /// <summary>Records a task; tasks without a usable name are left out of the graph.</summary>
    public void Add(ObjectReader task, List<Dependency> dependsOn)
    {
        var nameField = task["name"];
        if (nameField.Node is Parsing.ScalarNode { IsNull: false } name)
        {
            _tasks.Add((nameField, name.Value, dependsOn));
        }
    }

    /// <summary>Reports duplicate names, unknown, duplicate and self dependencies, and cycles.</summary>
    public void Check()
    {
        var nodes = _tasks.Select(t => new GraphNode(t.Name, t.DependsOn.Select(d => d.Name).ToList())).ToList();
        foreach (var problem in JobGraph.Analyze(nodes).Problems)
        {
            var task = _tasks[problem.TaskIndex];
            if (problem.Kind == GraphProblemKind.DuplicateTask)
            {
                var first = _tasks.First(t => t.Name == task.Name).NameField.Path.ToString();
                read.Error(task.NameField, $"task name `{QuotedText.Of(task.Name)}` is already used by {first[..first.LastIndexOf('.')]}");
            }
            else
            {
                var entry = problem.DependencyIndex is { } d and >= 0 ? task.DependsOn[d].Field : task.NameField;
                read.Error(entry, problem.Message);
            }
        }
    }

    /// <summary>One <c>dependsOn</c> entry and where it is written.</summary>
    public sealed record Dependency(string Name, Field Field);
}
