using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// Stoplight Prism (installed in tools/ by `make tools`) serving one OpenAPI spec on a free port of 127.0.0.1 with
/// `--errors`: a request that breaks the spec is answered with 422/400 (401 without the bearer token) and an
/// `sl-violations` header, and so is a response that breaks it with an error (500; an undocumented status such as an
/// injected 503 passes with a warning). Mock mode answers from the spec's examples;
/// proxy mode forwards to a real server and checks both sides. Disposing kills Prism and its children.
/// </summary>
public sealed class PrismServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PrismServer(Process process, int port)
    {
        _process = process;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
    }

    public Uri BaseUri { get; }

    /// <summary>What Prism printed: the routes it serves and its verdict on each request.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static Task<PrismServer> MockAsync(string specPath) => StartAsync("mock", specPath);

    public static Task<PrismServer> ProxyAsync(string specPath, string upstream) => StartAsync("proxy", specPath, upstream);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static async Task<PrismServer> StartAsync(string mode, string specPath, params string[] extra)
    {
        var prism = Path.Combine(RepositoryFiles.Root, "tools", "node_modules", ".bin", "prism");
        if (!File.Exists(prism))
        {
            throw new FileNotFoundException($"Prism is not installed at {prism}; run `make tools` (npm ci in tools/) first.", prism);
        }

        var port = FreePort();
        var info = new ProcessStartInfo(prism)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(prism)!,
        };
        foreach (var argument in new[] { mode, specPath }.Concat(extra).Concat(["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--errors"]))
        {
            info.ArgumentList.Add(argument);
        }

        var server = new PrismServer(new Process { StartInfo = info }, port);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilListeningAsync(port);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Prism exited with {_process.ExitCode} before listening:\n{Output}");
            }

            // Prism opens its port only after it has loaded and resolved the whole spec.
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(200);
            }
            catch (SocketException e)
            {
                throw new TimeoutException($"Prism did not listen on port {port} within {StartTimeout}:\n{Output}", e);
            }
        }
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>
    /// A free port below Linux's ephemeral range (32768–60999). These ports are bound again later (each test restarts
    /// the fake Airflow on the same one); a port from the ephemeral range could meanwhile become the local end of any
    /// outgoing connection on the machine, and the next bind would fail.
    /// </summary>
    internal static int FreePort()
    {
        for (var tries = 0; ; tries++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            using var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
                return port;
            }
            catch (SocketException) when (tries < 100)
            {
                // Taken; draw another.
            }
        }
    }
}
