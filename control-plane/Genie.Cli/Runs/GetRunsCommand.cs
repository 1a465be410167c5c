using System.ComponentModel;
using Genie.Client;
using Spectre.Console.Cli;

namespace Genie.Cli.Runs;

/// <summary>`genie get runs`: a namespace's runs newest first, by job and state.</summary>
public sealed class GetRunsCommand : GenieCommand<GetRunsCommand.Settings>
{
    public sealed class Settings : NamespacedSettings
    {
        [CommandOption("--job <JOB>")]
        public string? Job { get; init; }

        [CommandOption("--state <STATE>")]
        [Description("queued, running, suspended, succeeded, failed, cancelled or skipped")]
        public string? State { get; init; }

        [CommandOption("--limit <N>")]
        [Description("At most this many (1-500)")]
        [DefaultValue(50)]
        public int Limit { get; init; } = 50;
    }

    protected override async Task<int> RunAsync(CliSession session, Settings settings, CancellationToken cancellationToken)
    {
        var page = await session.Client.ListRunsAsync(session.Namespace,
            new RunListQuery(settings.Job, settings.State, Limit: settings.Limit), cancellationToken);
        session.Output.WriteList(page.Items, RunColumns.Runs);
        return ExitCodes.Ok;
    }
}
