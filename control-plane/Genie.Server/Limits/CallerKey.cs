using System.Net;
using Genie.Server.Access;

namespace Genie.Server.Limits;

/// <summary>
/// Who a request counts against for per-caller limits: its authenticated actor (an API key, a token's subject), so
/// one key shares its budget across addresses; the client address for requests without valid credentials.
/// </summary>
public static class CallerKey
{
    /// <summary>The partition key of the caller of <paramref name="context"/>.</summary>
    public static string Of(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? "actor:" + context.User.Actor()
        : context.Connection.RemoteIpAddress is { } address ? Network(Normalize(address)) : "local";

    /// <summary>True when the caller is on this machine: loopback, or no IP address at all (Unix socket, in-process host).</summary>
    public static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is not { } address || IPAddress.IsLoopback(Normalize(address));

    // One IPv6 host usually holds a whole /64, so counting single addresses would let it rotate past the limit.
    private static string Network(IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    // An IPv4 client on a dual-stack socket shows up as ::ffff:a.b.c.d; it is the same caller as a.b.c.d.
    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
