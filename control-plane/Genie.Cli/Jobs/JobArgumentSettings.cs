using System.ComponentModel;
using Spectre.Console.Cli;

namespace Genie.Cli.Jobs;

/// <summary>Options of commands about one job: its name as the first argument.</summary>
public class JobArgumentSettings : NamespacedSettings
{
    [CommandArgument(0, "<JOB>")]
    [Description("The job's name")]
    public string Job { get; init; } = "";
}

/// <summary>A command about one version of a job (the current one unless --version).</summary>
public class JobVersionSettings : JobArgumentSettings
{
    [CommandOption("--version <N>")]
    [Description("The version (default: the current one)")]
    public int? Version { get; init; }
}
