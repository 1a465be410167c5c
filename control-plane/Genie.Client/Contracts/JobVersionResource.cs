using System.Text.Json;

namespace Genie.Client.Contracts;

/// <summary>One immutable version of a job; <see cref="Definition"/> is null in listings to keep them small.</summary>
public sealed record JobVersionResource(
    string Namespace,
    string Name,
    int Version,
    string ContentHash,
    string SourceFormat,
    DateTimeOffset CreatedAt,
    string AppliedBy,
    JsonElement? Definition);
