using System.Threading.RateLimiting;

namespace Genie.Server.Limits;

/// <summary>The global limiter: one token bucket per caller (<see cref="CallerKey"/>); health probes, scrapes and exempt callers pass unlimited.</summary>
public static class CallerRateLimiter
{
    // Probes must answer while a caller floods the API, or the orchestrator would restart a healthy Genie; a scrape
    // likewise, or the flood would hide itself from the graphs that should show it.
    private static readonly PathString[] Unlimited = ["/healthz", "/readyz", "/metrics"];

    public static PartitionedRateLimiter<HttpContext> Create(RateLimitOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!options.Enabled
                || Unlimited.Any(path => context.Request.Path.StartsWithSegments(path))
                || (options.ExemptLocalCallers && CallerKey.IsLocal(context)))
            {
                return RateLimitPartition.GetNoLimiter("unlimited");
            }

            return RateLimitPartition.GetTokenBucketLimiter(CallerKey.Of(context), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.BurstLimit,
                TokensPerPeriod = options.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
}
