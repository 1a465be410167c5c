using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Cli.Runs;

/// <summary>A command that does one thing to a run (cancel, suspend, resume, retry) and shows the run as it is afterwards.</summary>
public abstract class RunActionCommand<TSettings> : GenieCommand<TSettings>
    where TSettings : RunArgumentSettings
{
    protected sealed override async Task<int> RunAsync(CliSession session, TSettings settings, CancellationToken cancellationToken)
    {
        RunColumns.Write(session.Output, await ActAsync(session.Client, session.Namespace, settings, cancellationToken));
        return ExitCodes.Ok;
    }

    protected abstract Task<RunResource> ActAsync(GenieClient client, string ns, TSettings settings, CancellationToken cancellationToken);
}
