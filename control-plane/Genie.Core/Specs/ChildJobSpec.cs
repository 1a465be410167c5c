namespace Genie.Core.Specs;

/// <summary>
/// A child job a task triggers. A null <see cref="Namespace"/> means the parent's namespace.
/// <see cref="Params"/> values are text (with <c>${{ params.NAME }}</c> substituted) and are typed by the
/// child's own param declarations when it is triggered. With <see cref="Wait"/> the task finishes with the child run.
/// </summary>
public sealed record ChildJobSpec(string Name, string? Namespace, IReadOnlyDictionary<string, string> Params, bool Wait);
