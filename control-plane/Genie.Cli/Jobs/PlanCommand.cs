using Genie.Cli.Output;
using Genie.Client.Contracts;
using Spectre.Console;

namespace Genie.Cli.Jobs;

/// <summary>
/// `genie plan -f DIR [--prune]`: what `apply` would do, decided by the server's dry run: created, changed (with a
/// diff of the spec), unchanged, and with --prune deleted. Exits 2 when anything would change, so CI can gate on it.
/// </summary>
public sealed class PlanCommand : GenieCommand<SourceSettings>
{
    protected override async Task<int> RunAsync(CliSession session, SourceSettings settings, CancellationToken cancellationToken)
    {
        var files = await SpecFiles.ReadAsync(settings.File, settings.Name, session.Namespace, cancellationToken);
        var source = settings.SourceOrDefault;
        var changes = new List<JobChange>();
        foreach (var file in files)
        {
            changes.Add(await PlanFileAsync(session, file, source, cancellationToken));
        }

        if (settings.Prune)
        {
            changes.AddRange((await PruneCandidates.FindAsync(session.Client, files, session.Namespace, source, cancellationToken))
                .Select(j => new JobChange(j.Namespace, j.Name, JobChange.Deleted, j.Version, null)));
        }

        if (session.Output.IsTable)
        {
            Print(changes);
        }
        else
        {
            session.Output.WriteData(changes);
        }

        return changes.Any(c => c.IsChange) ? ExitCodes.Changes : ExitCodes.Ok;
    }

    private static async Task<JobChange> PlanFileAsync(CliSession session, SpecFile file, string source, CancellationToken cancellationToken)
    {
        var planned = await session.Client.ApplyJobAsync(
            file.Namespace, file.Name, file.Text, file.MediaType, dryRun: true, cancellationToken: cancellationToken, source: source);
        var action = ApplyCommand.ActionOf(planned.Result.Outcome);
        string? diff = null;
        if (planned.Result.Outcome == ApplyOutcome.Updated)
        {
            var live = await session.Client.GetJobAsync(file.Namespace, file.Name, cancellationToken);
            diff = SpecDiff.Unified(file.Key, live.Definition, planned.Result.Job.Definition);
        }

        return new JobChange(file.Namespace, file.Name, action, planned.Result.Job.Version, file.Path, diff);
    }

    private static void Print(IReadOnlyList<JobChange> changes)
    {
        foreach (var change in changes)
        {
            var (mark, colour) = change.Action switch
            {
                JobChange.Created => ("+", "green"),
                JobChange.Changed => ("~", "yellow"),
                JobChange.Deleted => ("-", "red"),
                _ => ("=", "grey"),
            };
            OutputWriter.WriteMarkupLine($"[{colour}]{mark} {Markup.Escape(change.Namespace)}/{Markup.Escape(change.Name)}: {change.Action}[/]");
            if (change.Diff is { } diff)
            {
                foreach (var line in diff.TrimEnd('\n').Split('\n'))
                {
                    var style = line.StartsWith('+') ? "green" : line.StartsWith('-') ? "red" : line.StartsWith('@') ? "cyan" : "default";
                    OutputWriter.WriteMarkupLine($"    [{style}]{Markup.Escape(line)}[/]");
                }
            }
        }

        int Count(string action) => changes.Count(c => c.Action == action);
        OutputWriter.WriteLine($"Plan: {Count(JobChange.Created)} to create, {Count(JobChange.Changed)} to change, "
            + $"{Count(JobChange.Deleted)} to delete, {Count(JobChange.Unchanged)} unchanged.");
    }
}
