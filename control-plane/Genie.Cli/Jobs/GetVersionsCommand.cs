namespace Genie.Cli.Jobs;

/// <summary>`genie get versions JOB`: a job's versions, newest first (also of a deleted job).</summary>
public sealed class GetVersionsCommand : GenieCommand<JobArgumentSettings>
{
    protected override async Task<int> RunAsync(CliSession session, JobArgumentSettings settings, CancellationToken cancellationToken)
    {
        var versions = await Pages.AllAsync(cursor =>
            session.Client.ListJobVersionsAsync(session.Namespace, settings.Job, Pages.Size, cursor, cancellationToken));
        session.Output.WriteList(versions,
        [
            new("VERSION", v => v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("FORMAT", v => v.SourceFormat),
            new("APPLIED BY", v => v.AppliedBy),
            new("CREATED", v => Times.Stamp(v.CreatedAt)),
            new("HASH", v => v.ContentHash),
        ]);
        return ExitCodes.Ok;
    }
}
