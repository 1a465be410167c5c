using System.Net;
using System.Net.Sockets;

namespace Genie.Server.Tests.Kafka;

/// <summary>
/// A bootstrap address for Kafka clients that the test can turn on and off: while off, nothing listens on
/// <see cref="Address"/> (connections are refused, as to a broker that is down); once on, it forwards each connection
/// to the real broker. Only bootstrapping goes through it: the metadata a client reads there names the broker's own
/// address, which the client then uses directly.
/// </summary>
public sealed class BootstrapForwarder : IAsyncDisposable
{
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    public BootstrapForwarder()
    {
        // A free port, left unbound until the broker comes up.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        _port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public string Address => $"127.0.0.1:{_port}";

    /// <summary>Starts listening and forwarding to <paramref name="broker"/> (`host:port`).</summary>
    public void ForwardTo(string broker)
    {
        var target = broker.Split(':');
        _listener = new TcpListener(IPAddress.Loopback, _port);
        _listener.Start();
        _accepting = AcceptAsync(_listener, target[0], int.Parse(target[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task AcceptAsync(TcpListener listener, string host, int port)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = PipeAsync(client, host, port);
        }
    }

    private async Task PipeAsync(TcpClient client, string host, int port)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(host, port, _stop.Token);
                var inbound = client.GetStream();
                var outbound = upstream.GetStream();
                await Task.WhenAny(inbound.CopyToAsync(outbound, _stop.Token), outbound.CopyToAsync(inbound, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // Either side hung up.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener?.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
