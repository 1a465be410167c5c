using System.ComponentModel;
using Genie.Cli.Output;
using Spectre.Console.Cli;

namespace Genie.Cli.Contexts;

/// <summary>Options of the context commands, which only read and write the config file.</summary>
public class ContextSettings : CommandSettings
{
    [CommandOption("-o|--output <FORMAT>")]
    [Description("table, json or yaml")]
    [DefaultValue(OutputFormat.Table)]
    public OutputFormat Output { get; init; } = OutputFormat.Table;
}

/// <summary>A context command that names one context.</summary>
public class NamedContextSettings : ContextSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("The context's name")]
    public string Name { get; init; } = "";
}
