using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Cli.Schedules;

/// <summary>`genie schedule resume JOB`: a paused schedule fires again.</summary>
public sealed class ResumeScheduleCommand : ScheduleCommand
{
    protected override Task<ScheduleResource> ActAsync(GenieClient client, string ns, string job, CancellationToken cancellationToken) =>
        client.ResumeScheduleAsync(ns, job, cancellationToken);
}
