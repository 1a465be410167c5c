using Genie.Cli.Output;
using Genie.Client.Contracts;

namespace Genie.Cli.Jobs;

/// <summary>`genie describe job JOB`: the job, its current version and that version's definition.</summary>
public sealed class DescribeJobCommand : GenieCommand<JobArgumentSettings>
{
    protected override async Task<int> RunAsync(CliSession session, JobArgumentSettings settings, CancellationToken cancellationToken)
    {
        var job = await session.Client.GetJobAsync(session.Namespace, settings.Job, cancellationToken);
        session.Output.WriteOne<JobResource>(job,
        [
            new("Name", j => $"{j.Namespace}/{j.Name}"),
            new("Version", j => j.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Group", j => j.Group),
            new("Labels", j => string.Join(", ", j.Labels.Select(l => $"{l.Key}={l.Value}"))),
            new("Created", j => Times.Stamp(j.CreatedAt)),
            new("Updated", j => Times.Stamp(j.UpdatedAt)),
            new("Hash", j => j.ContentHash),
        ]);
        if (session.Output.IsTable)
        {
            OutputWriter.WriteLine("Definition:");
            OutputWriter.WriteText(YamlText.Sorted(job.Definition));
        }

        return ExitCodes.Ok;
    }
}
