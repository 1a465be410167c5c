namespace Genie.Client.Contracts;

/// <summary>The answer of /healthz and /readyz; /readyz says `degraded` when a <see cref="HealthDetail"/> is, and lists them.</summary>
public sealed record HealthReport(string Status, IReadOnlyList<HealthDetail>? Details = null);
