namespace Genie.Server.Jobs;

/// <summary>A validated spec on its way into the store, with the exact text it was applied as.</summary>
public sealed record JobSubmission(
    string Namespace,
    string Name,
    string? Group,
    IReadOnlyDictionary<string, string> Labels,
    string ContentHash,
    string DefinitionJson,
    string SourceText,
    string SourceFormat)
{
    /// <summary>The source that manages the job (`?source=` of the apply); null leaves the job's marker as it is.</summary>
    public string? Source { get; init; }

    /// <summary>The secrets the job references, with their paths, for the check that they exist; not stored.</summary>
    public IReadOnlyList<Genie.Core.Specs.SecretUse> Secrets { get; init; } = [];

    /// <summary>Tasks that trigger jobs of other namespaces, for the check that the applier may trigger there; not stored.</summary>
    public IReadOnlyList<Genie.Core.Specs.ChildJobUse> ForeignChildren { get; init; } = [];
}
