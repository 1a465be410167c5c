using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Cli.Schedules;

/// <summary>`genie schedule pause JOB`: the schedule stops firing until resumed (applying the job again keeps it paused).</summary>
public sealed class PauseScheduleCommand : ScheduleCommand
{
    protected override Task<ScheduleResource> ActAsync(GenieClient client, string ns, string job, CancellationToken cancellationToken) =>
        client.PauseScheduleAsync(ns, job, cancellationToken);
}
