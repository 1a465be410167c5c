namespace Genie.Server.Jobs;

/// <summary>One immutable version of a job as stored, including the text it was applied as.</summary>
public sealed record StoredJobVersion(
    string Namespace,
    string Name,
    int Version,
    string ContentHash,
    string SourceFormat,
    string SourceText,
    DateTimeOffset CreatedAt,
    string AppliedBy,
    string? DefinitionJson);
