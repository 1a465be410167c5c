using Genie.Cli.Output;

namespace Genie.Cli.Jobs;

/// <summary>`genie dag JOB [--version N]`: the Airflow DAG file a job version compiles to, as text.</summary>
public sealed class DagCommand : GenieCommand<JobVersionSettings>
{
    protected override async Task<int> RunAsync(CliSession session, JobVersionSettings settings, CancellationToken cancellationToken)
    {
        var version = settings.Version ?? (await session.Client.GetJobAsync(session.Namespace, settings.Job, cancellationToken)).Version;
        var source = await session.Client.GetDagSourceAsync(session.Namespace, settings.Job, version, cancellationToken);
        if (session.Output.IsTable)
        {
            OutputWriter.WriteText(source);
        }
        else
        {
            session.Output.WriteData(new { session.Namespace, settings.Job, version, source });
        }

        return ExitCodes.Ok;
    }
}
