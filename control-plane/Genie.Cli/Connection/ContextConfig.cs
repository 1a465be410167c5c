namespace Genie.Cli.Connection;

/// <summary>The CLI's config file: the known contexts and which one is current.</summary>
public sealed record ContextConfig
{
    public string? Current { get; init; }
    public List<ContextEntry> Contexts { get; init; } = [];

    public ContextEntry? Find(string name) => Contexts.Find(c => c.Name == name);
}
