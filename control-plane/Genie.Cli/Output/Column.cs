namespace Genie.Cli.Output;

/// <summary>One column of a table: its header and how a row's cell reads.</summary>
public sealed record Column<T>(string Header, Func<T, string?> Cell);
