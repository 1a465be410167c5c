using Genie.Cli.Output;
using Genie.Client.Contracts;

namespace Genie.Cli.Jobs;

/// <summary>
/// `genie apply -f FILE|DIR`: applies every spec, marking the jobs with the source; with `--prune`, deletes this source's
/// jobs that are no longer in DIR.
/// </summary>
public sealed class ApplyCommand : GenieCommand<SourceSettings>
{
    public static readonly IReadOnlyList<Column<JobChange>> Columns =
    [
        new("NAMESPACE", c => c.Namespace),
        new("NAME", c => c.Name),
        new("RESULT", c => c.Action),
        new("VERSION", c => c.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("FILE", c => c.File),
    ];

    protected override async Task<int> RunAsync(CliSession session, SourceSettings settings, CancellationToken cancellationToken)
    {
        var files = await SpecFiles.ReadAsync(settings.File, settings.Name, session.Namespace, cancellationToken);
        var source = settings.SourceOrDefault;
        var changes = new List<JobChange>();
        foreach (var file in files)
        {
            var applied = await session.Client.ApplyJobAsync(
                file.Namespace, file.Name, file.Text, file.MediaType, cancellationToken: cancellationToken, source: source);
            changes.Add(new JobChange(file.Namespace, file.Name, ActionOf(applied.Result.Outcome), applied.Result.Job.Version, file.Path));
        }

        if (settings.Prune)
        {
            foreach (var job in await PruneCandidates.FindAsync(session.Client, files, session.Namespace, source, cancellationToken))
            {
                await session.Client.DeleteJobAsync(job.Namespace, job.Name, cancellationToken: cancellationToken);
                changes.Add(new JobChange(job.Namespace, job.Name, JobChange.Deleted, job.Version, null));
            }
        }

        session.Output.WriteList(changes, Columns);
        return ExitCodes.Ok;
    }

    public static string ActionOf(ApplyOutcome outcome) => outcome switch
    {
        ApplyOutcome.Created => JobChange.Created,
        ApplyOutcome.Updated => JobChange.Changed,
        _ => JobChange.Unchanged,
    };
}
