namespace Genie.Portal.Jobs;

/// <summary>One page of the jobs list; <see cref="NextCursor"/> is set when more jobs match than were read.</summary>
public sealed record JobOverviewPage(IReadOnlyList<JobOverview> Jobs, string? NextCursor);
