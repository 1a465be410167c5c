using Genie.Server.Runs;
using Genie.Server.Store;

namespace Genie.Server.Scheduling;

/// <summary>Reads the schedules of live jobs from their current versions: what the Hangfire recurring jobs must match.</summary>
public sealed class ScheduleSource(JobStore jobs)
{
    /// <summary>The job's schedule; null when the job does not exist, is deleted or has no schedule.</summary>
    public async Task<ScheduledJob?> GetAsync(string ns, string name, CancellationToken cancellationToken) =>
        (await jobs.LiveDefinitionsAsync(ns, name, cancellationToken)).Select(ToScheduled).FirstOrDefault();

    /// <summary>Every live job with a schedule.</summary>
    public async Task<IReadOnlyList<ScheduledJob>> ListAsync(CancellationToken cancellationToken) =>
        (await jobs.LiveDefinitionsAsync(null, null, cancellationToken)).Select(ToScheduled).OfType<ScheduledJob>().ToList();

    private static ScheduledJob? ToScheduled((string Namespace, string Name, string Definition) row) =>
        JobPlans.Parse(row.Definition).Definition.Spec.Schedule is { } schedule ? new ScheduledJob(row.Namespace, row.Name, schedule) : null;
}
