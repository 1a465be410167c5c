namespace Genie.Server.Limits;

/// <summary>
/// Per-caller rate limit of the API (section `Genie:RateLimit`): a token bucket per caller, so short bursts pass and
/// a sustained flood is answered 429 with Retry-After.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Genie:RateLimit";

    /// <summary>False turns the limiter off entirely.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Callers on the machine itself (loopback, a Unix socket, in-process) are not limited: they are the operator, the
    /// CLI, tests and benchmarks, which can already do anything to the host. Behind a reverse proxy on the same host
    /// every caller looks local, so set this to false there.
    /// </summary>
    public bool ExemptLocalCallers { get; set; } = true;

    /// <summary>Largest burst one caller may send at once (the bucket's size).</summary>
    public int BurstLimit { get; set; } = 400;

    /// <summary>Requests per second one caller may sustain (tokens added per second).</summary>
    public int RequestsPerSecond { get; set; } = 200;
}
