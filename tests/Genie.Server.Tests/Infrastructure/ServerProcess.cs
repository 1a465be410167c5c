using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Genie.Client;

namespace Genie.Server.Tests.Infrastructure;

/// <summary>Genie as a real OS process (`dotnet Genie.Server.dll`), for tests that stop, kill and restart it.</summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errorOutput = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(string dataDir, IReadOnlyDictionary<string, string>? settings, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A free port of 127.0.0.1 unless the environment says where to listen (a deployment's `urls` variable).
        var listen = environment?.ContainsKey("urls") == true ? [] : new[] { "--urls", "http://127.0.0.1:0" };
        foreach (var argument in new[] { RepositoryFiles.ServerDll, $"--Genie:DataDir={dataDir}" }.Concat(listen))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["Genie__Database__ConnectionString"] = "";
        // The test admin key unless the test's settings choose (or clear) one; an environment variable so settings win.
        info.Environment["Genie__Auth__BootstrapKey"] = TestCredentials.AdminKey;
        // Variables as a deployment sets them (the Helm chart's tests); they replace the defaults above.
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        // Settings as command-line configuration, which wins over the environment (e.g. a shared database's connection string).
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Collect(e.Data, isError: false);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data, isError: true);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("Genie exited early:\n" + Output));
    }

    public Uri BaseAddress { get; private set; } = null!;

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

    /// <summary>What Genie wrote to stderr alone (stdout has the JSON logs).</summary>
    public string ErrorOutput
    {
        get
        {
            lock (_output)
            {
                return _errorOutput.ToString();
            }
        }
    }

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>The process's resident memory in bytes (VmRSS from /proc), what the kernel actually holds for it.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }

    /// <summary>The exit code, once Genie has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts Genie on <paramref name="dataDir"/>; <paramref name="settings"/> are passed as `--key=value` configuration,
    /// <paramref name="environment"/> as environment variables.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string dataDir, TimeSpan timeout, IReadOnlyDictionary<string, string>? settings = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = Launch(dataDir, settings, environment);
        server.BaseAddress = await server._listening.Task.WaitAsync(timeout);
        return server;
    }

    /// <summary>Starts Genie expecting it to fail, and waits until it has exited (a Genie that starts listening instead times out).</summary>
    public static async Task<ServerProcess> RunUntilExitAsync(string dataDir, TimeSpan timeout, IReadOnlyDictionary<string, string>? settings = null)
    {
        var server = Launch(dataDir, settings, environment: null);
        try
        {
            await server._process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"Genie did not exit within {timeout}:\n{server.Output}");
        }

        return server;
    }

    private static ServerProcess Launch(string dataDir, IReadOnlyDictionary<string, string>? settings, IReadOnlyDictionary<string, string>? environment)
    {
        var server = new ServerProcess(dataDir, settings, environment);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    public GenieClient CreateClient() => new(CreateHttpClient());

    /// <summary>An HttpClient for this server that presents <paramref name="key"/> (the test admin key by default).</summary>
    public HttpClient CreateHttpClient(string? key = null) => TestCredentials.Authorize(new HttpClient { BaseAddress = BaseAddress }, key);

    /// <summary>Asks Genie to shut down (SIGTERM) and waits until it has.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    /// <summary>Waits until Genie has exited on its own (a fault point killed it); its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>Kills Genie with SIGKILL, as a crash would: its task processes and its PostgreSQL keep running.</summary>
    public async Task CrashAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Collect(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (isError)
            {
                _errorOutput.AppendLine(line);
            }
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"^Genie is listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
