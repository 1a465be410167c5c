using System.ComponentModel;
using Genie.Client;
using Spectre.Console.Cli;

namespace Genie.Cli.Audit;

/// <summary>`genie audit [--actor A] [--namespace NS] [--action X] [--from T] [--to T]`: the audit log, newest first.</summary>
public sealed class AuditCommand : GenieCommand<AuditCommand.Settings>
{
    public sealed class Settings : GenieSettings
    {
        [CommandOption("--actor <ACTOR>")]
        [Description("key:PREFIX or jwt:SUBJECT")]
        public string? Actor { get; init; }

        [CommandOption("-n|--namespace <NS>")]
        public string? Namespace { get; init; }

        [CommandOption("--action <ACTION>")]
        [Description("Such as runs.trigger or jobs.apply")]
        public string? Action { get; init; }

        [CommandOption("--from <TIME>")]
        [Description("From this time on (RFC 3339, inclusive)")]
        public DateTimeOffset? From { get; init; }

        [CommandOption("--to <TIME>")]
        [Description("Before this time (RFC 3339, exclusive)")]
        public DateTimeOffset? To { get; init; }

        [CommandOption("--limit <N>")]
        [DefaultValue(50)]
        public int Limit { get; init; } = 50;
    }

    protected override async Task<int> RunAsync(CliSession session, Settings settings, CancellationToken cancellationToken)
    {
        var page = await session.Client.ListAuditAsync(
            new AuditListQuery(settings.Actor, settings.Namespace, settings.Action, settings.From, settings.To, settings.Limit), cancellationToken);
        session.Output.WriteList(page.Items,
        [
            new("TIME", r => Times.Stamp(r.OccurredAt)),
            new("ACTOR", r => r.Actor),
            new("ACTION", r => r.Action),
            new("NAMESPACE", r => r.Namespace),
            new("TARGET", r => r.Target),
            new("STATUS", r => r.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("OUTCOME", r => r.Outcome),
        ]);
        return ExitCodes.Ok;
    }
}
