using Genie.Server.Access;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Genie.Server.Grpc;

/// <summary>Adds the genie.v1 gRPC service and its port.</summary>
public static class GrpcRegistration
{
    public static WebApplicationBuilder AddGrpcApi(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetSection(GrpcOptions.Section).Get<GrpcOptions>()?.Url is { Length: > 0 } grpcUrl)
        {
            var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } text ? text : ServerDefaults.Url;
            builder.Services.AddSingleton<IConfigureOptions<KestrelServerOptions>>(new GrpcListener(urls, grpcUrl));
        }

        // No catch-all endpoint for unknown services: such calls meet the API's fallback policy and its 404.
        builder.Services.AddGrpc(options => options.IgnoreUnknownServices = true);
        return builder;
    }

    /// <summary>Any authenticated caller reaches the service; each call checks the role its message's namespace needs.</summary>
    public static WebApplication MapGrpcApi(this WebApplication app)
    {
        app.MapGrpcService<GenieGrpcService>().ForAnyCaller();
        return app;
    }
}
