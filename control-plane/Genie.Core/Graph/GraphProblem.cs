namespace Genie.Core.Graph;

/// <summary>
/// A reason a set of tasks is not a DAG. <see cref="TaskIndex"/> is the task the problem belongs to and
/// <see cref="DependencyIndex"/> the offending <c>dependsOn</c> entry, when there is one.
/// </summary>
public sealed record GraphProblem(GraphProblemKind Kind, int TaskIndex, int? DependencyIndex, string Message);

/// <summary>The kinds of <see cref="GraphProblem"/>.</summary>
public enum GraphProblemKind
{
    /// <summary>Two tasks share a name.</summary>
    DuplicateTask,

    /// <summary>A dependency names no task.</summary>
    UnknownTask,

    /// <summary>A task depends on itself.</summary>
    SelfDependency,

    /// <summary>A task lists the same dependency twice.</summary>
    DuplicateDependency,

    /// <summary>Tasks depend on each other in a loop.</summary>
    Cycle,
}
