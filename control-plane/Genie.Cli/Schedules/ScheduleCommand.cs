using System.Globalization;
using Genie.Cli.Jobs;
using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Cli.Schedules;

/// <summary>A command about a job's schedule (show, pause, resume) that prints the schedule as it is afterwards.</summary>
public abstract class ScheduleCommand : GenieCommand<JobArgumentSettings>
{
    protected sealed override async Task<int> RunAsync(CliSession session, JobArgumentSettings settings, CancellationToken cancellationToken)
    {
        session.Output.WriteOne(await ActAsync(session.Client, session.Namespace, settings.Job, cancellationToken),
        [
            new("Job", s => $"{s.Namespace}/{s.Job}"),
            new("Cron", s => $"{s.Cron} ({s.Timezone})"),
            new("Paused", s => s.Paused ? "yes" : "no"),
            new("Catch up", s => s.CatchUp ? "yes" : "no"),
            new("Last fired", s => Times.Stamp(s.PreviousFireTime)),
            new("Next", s => string.Join(", ", s.NextFireTimes.Select(t => Times.Stamp(t)))),
        ]);
        return ExitCodes.Ok;
    }

    protected abstract Task<ScheduleResource> ActAsync(GenieClient client, string ns, string job, CancellationToken cancellationToken);
}
