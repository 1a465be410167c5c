using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Cli.Runs;

/// <summary>`genie suspend RUN`: the run starts no new tasks until it is resumed.</summary>
public sealed class SuspendCommand : RunActionCommand<RunArgumentSettings>
{
    protected override Task<RunResource> ActAsync(GenieClient client, string ns, RunArgumentSettings settings, CancellationToken cancellationToken) =>
        client.SuspendRunAsync(ns, settings.Run, cancellationToken);
}
