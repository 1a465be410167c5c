namespace Genie.Server.Limits;

/// <summary>Bounds on what one HTTP request may send (section `Genie:Limits`), applied by Kestrel before Genie reads it.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Genie:Limits";

    /// <summary>Largest request body; specs and trigger bodies have smaller limits of their own, this bounds every other route.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest request line and all headers together.</summary>
    public int MaxRequestHeadersTotalBytes { get; set; } = 32 * 1024;

    /// <summary>Most request headers.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>Longest request line (method, path with query, protocol).</summary>
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    /// <summary>How long a client may take to send all its headers; a slow-header client holds a connection no longer.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Slowest body upload tolerated after <see cref="MinRequestBodyGrace"/>; a slower client is cut off with 408.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>Time a body may start slowly before <see cref="MinRequestBodyBytesPerSecond"/> is enforced (Kestrel needs more than 1 s).</summary>
    public TimeSpan MinRequestBodyGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most connections held open at once (null: no bound), so an idle-connection flood cannot exhaust sockets.</summary>
    public long? MaxConcurrentConnections { get; set; } = 10_000;
}
