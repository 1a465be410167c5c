namespace Genie.Client.Contracts;

/// <summary>A run that failed: which job, why and when (the recent failures of the dashboard).</summary>
public sealed record FailedRunResource(string Namespace, string Job, string RunId, string? Reason, DateTimeOffset FailedAt);
