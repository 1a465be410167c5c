using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Cli.Tests.Infrastructure;

/// <summary>
/// Runs the built CLI as a process (`dotnet genie.dll ...`) with a private config dir (in the test output folder, so
/// the keys it holds never land in /tmp), no colour and no inherited GENIE_* variables: each test sees only what it sets.
/// </summary>
public sealed class GenieCli
{
    private static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(90);
    private static readonly string Dll = RepositoryFiles.BuiltAssembly("control-plane/Genie.Cli", "genie.dll");

    private readonly ImmutableDictionary<string, string> _environment;

    public GenieCli()
        : this(ImmutableDictionary<string, string>.Empty
            .Add("XDG_CONFIG_HOME", Path.Combine(AppContext.BaseDirectory, "cli-config", Guid.NewGuid().ToString("N")[..12]))
            .Add("NO_COLOR", "1")
            .Add("COLUMNS", "200"))
    {
    }

    private GenieCli(ImmutableDictionary<string, string> environment) => _environment = environment;

    public string ConfigFile => Path.Combine(_environment["XDG_CONFIG_HOME"], "genie", "config.yaml");

    public GenieCli WithEnvironment(string name, string value) => new(_environment.SetItem(name, value));

    public GenieCli WithoutEnvironment(string name) => new(_environment.Remove(name));

    public async Task<CliResult> RunAsync(params string[] arguments) => await RunAsync(DefaultPatience, arguments);

    public async Task<CliResult> RunAsync(TimeSpan patience, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("GENIE_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in _environment)
        {
            info.Environment[name] = value;
        }

        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(patience);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"genie {string.Join(' ', arguments)} did not end within {patience}:\n{output}\n{error}");
        }

        // The asynchronous readers deliver their last lines after the exit is observed; this call waits for them.
        process.WaitForExit();
        return new CliResult(process.ExitCode, Read(output), Read(error));
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    private static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }
}
