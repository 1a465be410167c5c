using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Cli.Runs;

/// <summary>`genie resume RUN`: a suspended run carries on.</summary>
public sealed class ResumeCommand : RunActionCommand<RunArgumentSettings>
{
    protected override Task<RunResource> ActAsync(GenieClient client, string ns, RunArgumentSettings settings, CancellationToken cancellationToken) =>
        client.ResumeRunAsync(ns, settings.Run, cancellationToken);
}
