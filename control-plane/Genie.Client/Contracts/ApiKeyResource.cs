namespace Genie.Client.Contracts;

/// <summary>An API key as the API shows it: its public prefix, name and grants. Never the key itself.</summary>
public sealed record ApiKeyResource(
    string Prefix,
    string Name,
    IReadOnlyList<string> Grants,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy);
