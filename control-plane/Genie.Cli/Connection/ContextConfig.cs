namespace Genie.Cli.Connection;

/// <summary>The CLI's config file: the known contexts and which one is current.</summary>
public sealed record ContextConfig
{
    public string? Current { get; init; }
    public List<ContextEntry> Contexts { get; init; } = [];

    public ContextEntry? Find(string name) => Contexts.Find(c => c.Name == name);

    /// <summary>The context named <paramref name="name"/>; a usage error when there is none.</summary>
    public ContextEntry Require(string name) =>
        Find(name) ?? throw new UsageException($"No context named `{name}`; see `genie context list`.");
}
