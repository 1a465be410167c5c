using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Genie.Server.Limits;

/// <summary>Copies <see cref="RequestLimitsOptions"/> onto Kestrel, so the limits bind and validate like any other setting.</summary>
public sealed class KestrelLimitsSetup(IOptions<RequestLimitsOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var limits = options.Value;
        kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalBytes;
        kestrel.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
        kestrel.Limits.MaxRequestLineSize = limits.MaxRequestLineBytes;
        kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinRequestBodyBytesPerSecond, limits.MinRequestBodyGrace);
        kestrel.Limits.MaxConcurrentConnections = limits.MaxConcurrentConnections;
    }
}
