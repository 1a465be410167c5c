namespace Genie.Cli.Runs;

/// <summary>`genie describe run RUN`: the run with its tasks and their attempts.</summary>
public sealed class DescribeRunCommand : GenieCommand<RunArgumentSettings>
{
    protected override async Task<int> RunAsync(CliSession session, RunArgumentSettings settings, CancellationToken cancellationToken)
    {
        RunColumns.Write(session.Output, await session.Client.GetRunAsync(session.Namespace, settings.Run, cancellationToken));
        return ExitCodes.Ok;
    }
}
