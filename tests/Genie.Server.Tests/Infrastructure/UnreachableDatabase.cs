using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Genie.Server.Tests.Infrastructure;

/// <summary>A real database connection failure: Npgsql connecting to a loopback port nothing listens on.</summary>
public static class UnreachableDatabase
{
    /// <summary>Always throws the NpgsqlException ("Failed to connect", connection refused) an outage produces.</summary>
    public static async Task ConnectAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=nobody;Password=none;Pooling=false");
        await connection.OpenAsync();
    }
}
