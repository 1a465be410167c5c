using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Portal.Jobs;

/// <summary>
/// Reads a page of jobs for the lists: one request, since listings carry each job's activity (latest run, recent
/// success, schedule with its next fire time), computed by the server in the same query.
/// </summary>
public static class JobOverviewReader
{
    public const int PageSize = 50;

    /// <summary>The jobs matching the filters (one namespace, or all the caller may see when it is null).</summary>
    public static Task<Page<JobResource>> ReadAsync(GenieClient genie, string? ns, JobListQuery query, CancellationToken cancellationToken) =>
        ns is null
            ? genie.ListAllJobsAsync(query with { Limit = PageSize }, cancellationToken)
            : genie.ListJobsAsync(ns, query with { Limit = PageSize }, cancellationToken);

    /// <summary>The job's schedule, or null for a job that runs only when triggered.</summary>
    public static async Task<ScheduleResource?> ScheduleAsync(GenieClient genie, JobResource job, CancellationToken cancellationToken) =>
        JobDefinitionReader.HasSchedule(job.Definition) ? await genie.GetScheduleAsync(job.Namespace, job.Name, cancellationToken) : null;
}
