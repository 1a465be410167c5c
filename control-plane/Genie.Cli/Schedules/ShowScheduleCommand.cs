using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Cli.Schedules;

/// <summary>`genie schedule show JOB`: the schedule with its next fire times.</summary>
public sealed class ShowScheduleCommand : ScheduleCommand
{
    protected override Task<ScheduleResource> ActAsync(GenieClient client, string ns, string job, CancellationToken cancellationToken) =>
        client.GetScheduleAsync(ns, job, cancellationToken);
}
