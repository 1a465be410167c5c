namespace Genie.Cli.Tests.Infrastructure;

/// <summary>How one `genie` process ended: its exit code and everything it printed.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
