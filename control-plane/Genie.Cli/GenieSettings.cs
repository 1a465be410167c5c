using System.ComponentModel;
using Genie.Cli.Output;
using Spectre.Console.Cli;

namespace Genie.Cli;

/// <summary>The options every command that talks to Genie takes: where (server, context), as whom (key) and how to print.</summary>
public class GenieSettings : CommandSettings
{
    [CommandOption("--server <URL>")]
    [Description("Genie's URL (else GENIE_SERVER, else the context's)")]
    public string? Server { get; init; }

    [CommandOption("--key <KEY>")]
    [Description("API key or token (else GENIE_KEY / GENIE_TOKEN, else the context's)")]
    public string? Key { get; init; }

    [CommandOption("--context <NAME>")]
    [Description("Context to use (else GENIE_CONTEXT, else the current one)")]
    public string? Context { get; init; }

    [CommandOption("-o|--output <FORMAT>")]
    [Description("table, json or yaml")]
    [DefaultValue(OutputFormat.Table)]
    public OutputFormat Output { get; init; } = OutputFormat.Table;
}

/// <summary>Options of commands that act in one namespace.</summary>
public class NamespacedSettings : GenieSettings
{
    [CommandOption("-n|--namespace <NS>")]
    [Description("Namespace (else the context's, else `default`)")]
    public string? Namespace { get; init; }
}
