namespace Genie.Client.Contracts;

/// <summary>A secret as the API shows it: its name, the names of its keys and when it changed. Never its values.</summary>
public sealed record SecretResource(
    string Namespace,
    string Name,
    IReadOnlyList<string> Keys,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RotatedAt);
