using Genie.Client.Contracts;

namespace Genie.Server.Health;

/// <summary>A part of Genie that `/readyz` describes without failing on it (a relay to an optional system, say).</summary>
public interface IReadinessDetail
{
    HealthDetail Describe();
}
