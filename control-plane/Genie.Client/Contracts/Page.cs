namespace Genie.Client.Contracts;

/// <summary>One page of a listing; pass <see cref="NextCursor"/> back as `cursor` for the next one (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
