namespace Genie.Core.Graph;

/// <summary>The outcome of building a <see cref="JobGraph"/>: the graph when the tasks form a DAG, otherwise every problem.</summary>
public sealed record JobGraphAnalysis(JobGraph? Graph, IReadOnlyList<GraphProblem> Problems);
