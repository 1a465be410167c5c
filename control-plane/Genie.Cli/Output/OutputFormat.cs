namespace Genie.Cli.Output;

/// <summary>How a command prints what it got: a table for people, JSON or YAML for scripts.</summary>
public enum OutputFormat
{
    Table,
    Json,
    Yaml,
}
