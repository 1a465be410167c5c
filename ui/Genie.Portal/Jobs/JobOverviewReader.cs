using Genie.Client;
using Genie.Client.Contracts;

namespace Genie.Portal.Jobs;

/// <summary>
/// Reads a page of jobs and, for each, its latest run and its schedule. The API has no joined listing yet, so this
/// asks per job (a page is at most <see cref="PageSize"/> jobs); the stats API is where a cheaper read belongs.
/// </summary>
public static class JobOverviewReader
{
    public const int PageSize = 50;

    /// <summary>The jobs matching the filters (one namespace, or all the caller may see when it is null).</summary>
    public static async Task<JobOverviewPage> ReadAsync(
        GenieClient genie, string? ns, JobListQuery query, CancellationToken cancellationToken)
    {
        var page = ns is null
            ? await genie.ListAllJobsAsync(query with { Limit = PageSize }, cancellationToken)
            : await genie.ListJobsAsync(ns, query with { Limit = PageSize }, cancellationToken);
        var rows = await Task.WhenAll(page.Items.Select(job => OverviewAsync(genie, job, cancellationToken)));
        return new JobOverviewPage(rows, page.NextCursor);
    }

    private static async Task<JobOverview> OverviewAsync(GenieClient genie, JobResource job, CancellationToken cancellationToken)
    {
        var runs = genie.ListRunsAsync(job.Namespace, new RunListQuery(Job: job.Name, Limit: 1), cancellationToken);
        var schedule = ScheduleAsync(genie, job, cancellationToken);
        return new JobOverview(job, (await runs).Items.FirstOrDefault(), await schedule);
    }

    /// <summary>The job's schedule, or null for a job that runs only when triggered.</summary>
    public static async Task<ScheduleResource?> ScheduleAsync(GenieClient genie, JobResource job, CancellationToken cancellationToken) =>
        JobDefinitionReader.HasSchedule(job.Definition) ? await genie.GetScheduleAsync(job.Namespace, job.Name, cancellationToken) : null;
}
