namespace Genie.Client;

/// <summary>Filters (group, labels, managing source) and paging of a job listing; null fields are left out of the query string.</summary>
public sealed record JobListQuery(string? Group = null, string? LabelSelector = null, int? Limit = null, string? Cursor = null, string? Source = null);
