using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Genie.Server.Limits;

/// <summary>Wires the request limits into Kestrel.</summary>
public static class LimitsRegistration
{
    public static WebApplicationBuilder AddLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<RequestLimitsOptions>(builder.Configuration.GetSection(RequestLimitsOptions.Section));
        services.AddTransient<IConfigureOptions<KestrelServerOptions>, KestrelLimitsSetup>();
        return builder;
    }
}
