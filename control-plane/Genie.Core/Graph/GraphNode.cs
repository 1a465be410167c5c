namespace Genie.Core.Graph;

/// <summary>A task as the graph sees it: its name and the names it depends on.</summary>
public sealed record GraphNode(string Name, IReadOnlyList<string> DependsOn);
