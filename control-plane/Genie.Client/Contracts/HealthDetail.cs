namespace Genie.Client.Contracts;

/// <summary>One component's state in /readyz's answer: `ok` or `degraded` (degraded parts never make Genie unready).</summary>
public sealed record HealthDetail(string Component, string Status, string Message)
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";
}
