using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Genie.Server.Limits;

/// <summary>Wires the request limits into Kestrel and the per-caller rate limiter into the pipeline.</summary>
public static class LimitsRegistration
{
    public static WebApplicationBuilder AddLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<RequestLimitsOptions>(builder.Configuration.GetSection(RequestLimitsOptions.Section));
        services.AddTransient<IConfigureOptions<KestrelServerOptions>, KestrelLimitsSetup>();

        services.Configure<RateLimitOptions>(builder.Configuration.GetSection(RateLimitOptions.Section));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, options) =>
        {
            limiter.GlobalLimiter = CallerRateLimiter.Create(options.Value);
            limiter.OnRejected = RateLimitRejection.WriteAsync;
        });
        return builder;
    }

    /// <summary>The rate limiter sits after the exception handler (its 429 is a problem document) and before every endpoint.</summary>
    public static WebApplication UseLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
