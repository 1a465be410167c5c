using Genie.Client.Contracts;

namespace Genie.Portal.Jobs;

/// <summary>One line of the jobs list: the job, its latest run (if any) and its schedule (if it has one).</summary>
public sealed record JobOverview(JobResource Job, RunResource? LastRun, ScheduleResource? Schedule);
