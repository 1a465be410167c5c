using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Portal.Tests.Infrastructure;

/// <summary>The portal as a real OS process (`dotnet Genie.Portal.dll`) on a free port of 127.0.0.1, talking to <see cref="ServerUrl"/>.</summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PortalProcess(Uri serverUrl, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        ServerUrl = serverUrl;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments.Prepend(PortalDll))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("The portal exited early:\n" + Output));
    }

    public Uri ServerUrl { get; }

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

    /// <summary>The portal assembly built alongside these tests (same configuration).</summary>
    public static string PortalDll => RepositoryFiles.BuiltAssembly("ui/Genie.Portal", "Genie.Portal.dll");

    /// <summary>Starts the portal; <paramref name="settings"/> are more `--Key=value` arguments (its sign-in provider, say).</summary>
    public static Task<PortalProcess> StartAsync(Uri serverUrl, TimeSpan timeout, IEnumerable<string>? settings = null) =>
        LaunchAsync(
            new PortalProcess(serverUrl,
                new[] { "--urls", "http://127.0.0.1:0", $"--Genie:Portal:ServerUrl={serverUrl}", "--Genie:Portal:HealthInterval=00:00:01" }
                    .Concat(settings ?? []),
                new Dictionary<string, string>()),
            timeout);

    /// <summary>
    /// Starts the portal configured by environment variables alone, as a deployment configures it (the Helm chart's
    /// tests); <paramref name="environment"/> must name its `urls` and `Genie__Portal__ServerUrl`.
    /// </summary>
    public static Task<PortalProcess> StartWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout) =>
        LaunchAsync(new PortalProcess(new Uri(environment["Genie__Portal__ServerUrl"]), [], environment), timeout);

    private static async Task<PortalProcess> LaunchAsync(PortalProcess portal, TimeSpan timeout)
    {
        portal._process.Start();
        portal._process.BeginOutputReadLine();
        portal._process.BeginErrorReadLine();
        portal.BaseAddress = await portal._listening.Task.WaitAsync(timeout);
        return portal;
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

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
        }
    }

    [GeneratedRegex(@"^Genie portal is listening on (http://[^\s/]+)")]
    private static partial Regex ListeningLine();
}
