namespace Genie.Portal.Graph;

/// <summary>One task of a job's DAG as the graph draws it: its name, what it waits for, and what kind of work it is.</summary>
/// <param name="ChildJob">`namespace/name` (or `name`) of the job a child-job task triggers; null for other kinds.</param>
public sealed record DagTask(string Name, IReadOnlyList<string> DependsOn, DagTaskKind Kind = DagTaskKind.Command, string? ChildJob = null, int Replicas = 1, bool Optional = false);
