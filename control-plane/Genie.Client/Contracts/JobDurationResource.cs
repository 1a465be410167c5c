namespace Genie.Client.Contracts;

/// <summary>How long a job's runs took (start to end, succeeded and failed ones): how many ended, and their p50 and p95 in ms.</summary>
public sealed record JobDurationResource(string Namespace, string Job, long Runs, double? P50DurationMs, double? P95DurationMs);
