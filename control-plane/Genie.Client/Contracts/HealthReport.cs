namespace Genie.Client.Contracts;

/// <summary>The answer of /healthz and /readyz.</summary>
public sealed record HealthReport(string Status);
