namespace Genie.Server.Store;

/// <summary>One row of `api_keys`: never the key itself, only its hash.</summary>
/// <remarks>Init properties, as <see cref="StoredSecret"/> explains: Dapper cannot bind `text[]` to a constructor.</remarks>
public sealed record StoredApiKey
{
    public required string Prefix { get; init; }

    public required string Name { get; init; }

    public required byte[] SecretHash { get; init; }

    public required string[] Grants { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public string? RevokedBy { get; init; }

    /// <summary>Whether the key may still be used at <paramref name="now"/>.</summary>
    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
