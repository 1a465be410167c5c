using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Genie.Client;

namespace Genie.Benchmarks.Harness;

/// <summary>
/// Genie as users run it: `dotnet Genie.Server.dll` of this build configuration, on a database of the
/// benchmark cluster, on a free port of 127.0.0.1. Its peak resident memory is read from the kernel.
/// </summary>
public sealed partial class BenchServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _lastLines = new();

    private BenchServer(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public int ProcessId => _process.Id;

    /// <summary>Starts Genie on <paramref name="connectionString"/>; <paramref name="settings"/> are `--key=value` configuration.</summary>
    public static async Task<BenchServer> StartAsync(
        string connectionString, string dataDir, IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Repository.ServerDll);
        info.ArgumentList.Add("--urls=http://127.0.0.1:0");
        info.ArgumentList.Add($"--Genie:DataDir={dataDir}");
        info.ArgumentList.Add($"--Genie:Database:ConnectionString={connectionString}");
        // Clients authenticate as users do: every request presents this cluster-admin key, and the server checks it.
        info.ArgumentList.Add($"--Genie:Auth:BootstrapKey={AdminKey}");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        var server = new BenchServer(new Process { StartInfo = info, EnableRaisingEvents = true });
        server._process.OutputDataReceived += (_, e) => server.Collect(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Collect(e.Data);
        server._process.Exited += (_, _) => server._listening.TrySetException(
            new InvalidOperationException("Genie exited before listening:\n" + server.LastLines()));
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        server.BaseAddress = await server._listening.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        return server;
    }

    /// <summary>The cluster-admin key the benchmark servers start with, drawn afresh for each benchmark process.</summary>
    public static string AdminKey { get; } = Genie.Server.Access.ApiKeyToken.Generate().Text;

    public GenieClient CreateClient(int maxConnections = 64)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return new GenieClient(http);
    }

    /// <summary>The highest resident set size the server has had so far (VmHWM), in bytes.</summary>
    public long PeakResidentBytes() => StatusBytes("VmHWM:");

    /// <summary>The server's resident set size now (VmRSS), in bytes.</summary>
    public long ResidentBytes() => StatusBytes("VmRSS:");

    // /proc/<pid>/status gives memory fields as "VmRSS:	  123456 kB".
    private long StatusBytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"The kernel did not report {field} for the server.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private string LastLines()
    {
        lock (_lastLines)
        {
            return string.Join('\n', _lastLines);
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        // Only the tail is kept, for the error when Genie fails to start: a benchmark run logs a lot.
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 50)
            {
                _lastLines.Dequeue();
            }
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"^Genie is listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
