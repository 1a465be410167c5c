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
    string SourceFormat);
