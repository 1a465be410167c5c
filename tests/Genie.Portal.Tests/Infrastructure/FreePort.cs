using System.Net;
using System.Net.Sockets;

namespace Genie.Portal.Tests.Infrastructure;

/// <summary>A port of 127.0.0.1 nothing listens on now, for a server that must come back on the same address.</summary>
public static class FreePort
{
    public static int Take()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
