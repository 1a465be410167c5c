using System.ComponentModel;
using Spectre.Console.Cli;

namespace Genie.Cli.Runs;

/// <summary>Options of commands about one run: its id as the first argument.</summary>
public class RunArgumentSettings : NamespacedSettings
{
    [CommandArgument(0, "<RUN>")]
    [Description("The run's id")]
    public string Run { get; init; } = "";
}
