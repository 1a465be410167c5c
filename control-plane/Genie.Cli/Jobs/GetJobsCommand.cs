using System.ComponentModel;
using Genie.Client;
using Genie.Client.Contracts;
using Spectre.Console.Cli;

namespace Genie.Cli.Jobs;

/// <summary>`genie get jobs`: the live jobs of a namespace (or all with -A), filtered by labels or group.</summary>
public sealed class GetJobsCommand : GenieCommand<GetJobsCommand.Settings>
{
    public sealed class Settings : NamespacedSettings
    {
        [CommandOption("-A|--all-namespaces")]
        [Description("Jobs of every namespace you may see")]
        public bool AllNamespaces { get; init; }

        [CommandOption("-l|--selector <SELECTOR>")]
        [Description("Label selector (k=v, k!=v, k in (a,b), k, !k)")]
        public string? Selector { get; init; }

        [CommandOption("--group <GROUP>")]
        public string? Group { get; init; }
    }

    protected override async Task<int> RunAsync(CliSession session, Settings settings, CancellationToken cancellationToken)
    {
        var jobs = await Pages.AllAsync(cursor =>
        {
            var query = new JobListQuery(settings.Group, settings.Selector, Pages.Size, cursor);
            return settings.AllNamespaces
                ? session.Client.ListAllJobsAsync(query, cancellationToken)
                : session.Client.ListJobsAsync(session.Namespace, query, cancellationToken);
        });
        session.Output.WriteList(jobs,
        [
            new("NAMESPACE", j => j.Namespace),
            new("NAME", j => j.Name),
            new("VERSION", j => j.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("GROUP", j => j.Group),
            new("LABELS", j => string.Join(",", j.Labels.Select(l => $"{l.Key}={l.Value}"))),
            new("UPDATED", j => Times.Ago(j.UpdatedAt)),
        ]);
        return ExitCodes.Ok;
    }
}
