using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Genie.Server.Grpc;

/// <summary>
/// Adds the gRPC port (<see cref="GrpcOptions.Url"/>) to Kestrel. gRPC needs HTTP/2, which without TLS only works
/// with prior knowledge on an HTTP/2-only endpoint, so it gets a port of its own. Kestrel ignores `urls` once any
/// endpoint is set in code, so the <paramref name="urls"/> are listened on here too, as they were given.
/// </summary>
public sealed class GrpcListener(string urls, string grpcUrl) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Listen(kestrel, url, "urls", HttpProtocols.Http1AndHttp2);
        }

        Listen(kestrel, grpcUrl, $"{GrpcOptions.Section}:Url", HttpProtocols.Http2);
    }

    private static void Listen(KestrelServerOptions kestrel, string url, string setting, HttpProtocols protocols)
    {
        var address = BindingAddress.Parse(url);
        if (address.Scheme != "http")
        {
            throw new InvalidOperationException($"{setting} `{url}` must be an http:// URL once {GrpcOptions.Section}:Url is set.");
        }

        Action<ListenOptions> configure = listen => listen.Protocols = protocols;
        if (IPAddress.TryParse(address.Host, out var ip))
        {
            kestrel.Listen(ip, address.Port, configure);
        }
        else if (address.Host == "localhost")
        {
            kestrel.ListenLocalhost(address.Port, configure);
        }
        else
        {
            kestrel.ListenAnyIP(address.Port, configure);
        }
    }
}
