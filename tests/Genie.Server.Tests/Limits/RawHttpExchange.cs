using System.Net.Sockets;
using System.Text;

namespace Genie.Server.Tests.Limits;

/// <summary>
/// Sends one request byte for byte over its own TCP connection, so paths, headers and framing can be as malformed as
/// a hostile client makes them (HttpClient would refuse or repair them), and reads the answer until the server closes.
/// </summary>
public static class RawHttpExchange
{
    public static async Task<RawHttpAnswer> SendAsync(Uri server, HostileRequest request, CancellationToken cancellationToken)
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(server.Host, server.Port, cancellationToken);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request.Head, cancellationToken);
            if (request.BodyPause is { } pause)
            {
                // A slow body: a byte at a time with pauses, until the server gives up on it (or the body ends).
                foreach (var b in request.Body)
                {
                    // Readable means the server answered or closed: it has given up on this client, which stops here.
                    if (client.Client.Poll(0, SelectMode.SelectRead))
                    {
                        break;
                    }

                    await stream.WriteAsync(new[] { b }, cancellationToken);
                    await Task.Delay(pause, cancellationToken);
                }
            }
            else
            {
                await stream.WriteAsync(request.Body, cancellationToken);
            }

            if (request.HalfClose)
            {
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (IOException)
        {
            // The server may answer and close before a hostile body is fully sent; its answer is still readable below.
        }

        return await ReadAnswerAsync(stream, cancellationToken);
    }

    private static async Task<RawHttpAnswer> ReadAnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer (Kestrel not draining a rejected body) loses nothing that matters.
        }
        catch (IOException)
        {
            return new RawHttpAnswer(null, "");
        }

        var text = Encoding.Latin1.GetString(received.GetBuffer(), 0, (int)Math.Min(received.Length, 4096));
        var head = text.Split("\r\n\r\n")[0];
        var parts = head.Split(' ', 3);
        return parts.Length >= 2 && parts[0].StartsWith("HTTP/", StringComparison.Ordinal) && int.TryParse(parts[1], out var status)
            ? new RawHttpAnswer(status, head)
            : new RawHttpAnswer(null, head);
    }
}
