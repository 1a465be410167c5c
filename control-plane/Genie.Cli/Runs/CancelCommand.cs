using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Cli.Runs;

/// <summary>`genie cancel RUN`: cancels a run and its child runs (processes get SIGTERM, then SIGKILL).</summary>
public sealed class CancelCommand : RunActionCommand<RunArgumentSettings>
{
    protected override Task<RunResource> ActAsync(GenieClient client, string ns, RunArgumentSettings settings, CancellationToken cancellationToken) =>
        client.CancelRunAsync(ns, settings.Run, cancellationToken);
}
