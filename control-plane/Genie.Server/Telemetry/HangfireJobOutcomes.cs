using Hangfire.Server;

namespace Genie.Server.Telemetry;

/// <summary>
/// A Hangfire server filter counting performed jobs by job class and outcome (`succeeded`, `failed`, `cancelled`); a
/// failed job that Hangfire retries counts once per try.
/// </summary>
public sealed class HangfireJobOutcomes(GenieInstruments instruments) : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        var outcome = context.Canceled ? "cancelled" : context.Exception is null ? "succeeded" : "failed";
        instruments.RecordHangfireJob(context.BackgroundJob.Job?.Type.Name ?? "unknown", outcome);
    }
}
