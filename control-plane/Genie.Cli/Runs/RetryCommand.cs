using System.ComponentModel;
using Genie.Client;
using Genie.Client.Contracts;
using Spectre.Console.Cli;

namespace Genie.Cli.Runs;

/// <summary>`genie retry RUN [--all]`: runs a finished run's failed tasks (and what follows them) again, or every task with --all.</summary>
public sealed class RetryCommand : RunActionCommand<RetryCommand.Settings>
{
    public sealed class Settings : RunArgumentSettings
    {
        [CommandOption("--all")]
        [Description("Run every task again, not only the failed ones")]
        public bool All { get; init; }
    }

    protected override Task<RunResource> ActAsync(GenieClient client, string ns, Settings settings, CancellationToken cancellationToken) =>
        client.RetryRunAsync(ns, settings.Run, settings.All ? "all" : "failed", cancellationToken);
}
