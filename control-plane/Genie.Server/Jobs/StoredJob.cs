namespace Genie.Server.Jobs;

/// <summary>A job row joined with its current version, as the store reads it; <see cref="Source"/> is what manages it; listings add its <see cref="Activity"/>.</summary>
public sealed record StoredJob(
    string Namespace,
    string Name,
    string? Group,
    IReadOnlyDictionary<string, string> Labels,
    int Version,
    string ContentHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string DefinitionJson,
    string? Source = null,
    StoredJobActivity? Activity = null);
