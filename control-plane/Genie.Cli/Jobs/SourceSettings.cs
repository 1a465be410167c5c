using System.ComponentModel;
using Spectre.Console.Cli;

namespace Genie.Cli.Jobs;

/// <summary>Options of `apply` and `plan`: the source that manages the jobs, and whether to prune its jobs missing from DIR.</summary>
public sealed class SourceSettings : SpecFileSettings
{
    [CommandOption("--prune")]
    [Description("Also delete jobs of this source (in the namespaces of DIR) that DIR no longer has")]
    public bool Prune { get; init; }

    [CommandOption("--source <NAME>")]
    [Description("The source marked on the jobs (default: dir:<DIR relative to its git checkout>)")]
    public string? Source { get; init; }

    public string SourceOrDefault => Source ?? SourceName.For(File);
}
