using System.ComponentModel;
using Spectre.Console.Cli;

namespace Genie.Cli.Jobs;

/// <summary>Options of commands that read spec files: `-f FILE|DIR` and `--name` for a single file without metadata.name.</summary>
public class SpecFileSettings : NamespacedSettings
{
    [CommandOption("-f|--file <PATH>")]
    [Description("A spec file, or a directory of them (recursive)")]
    public string File { get; init; } = "";

    [CommandOption("--name <NAME>")]
    [Description("The job's name when a single file has no metadata.name")]
    public string? Name { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        string.IsNullOrEmpty(File) ? Spectre.Console.ValidationResult.Error("-f FILE|DIR is required") : base.Validate();
}
