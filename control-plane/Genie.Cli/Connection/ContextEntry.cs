namespace Genie.Cli.Connection;

/// <summary>One named Genie to talk to: its URL, the credential to present and the namespace commands default to.</summary>
public sealed record ContextEntry
{
    public string Name { get; init; } = "";
    public string Server { get; init; } = "";
    public string? Key { get; init; }
    public string? Namespace { get; init; }
}
