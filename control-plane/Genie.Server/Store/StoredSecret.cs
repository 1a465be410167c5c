namespace Genie.Server.Store;

/// <summary>A row of `secrets`: the names a secret holds, and its values only as the ciphertext that seals them.</summary>
/// <remarks>Init properties rather than a positional record: Dapper matches constructors by the column's reported
/// type, which for `text[]` is <see cref="Array"/>, while a property takes the `string[]` the value is.</remarks>
public sealed record StoredSecret
{
    public required string Namespace { get; init; }

    public required string Name { get; init; }

    public required string[] Keys { get; init; }

    public required string KeyId { get; init; }

    public required byte[] Nonce { get; init; }

    public required byte[] Ciphertext { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? RotatedAt { get; init; }
}
