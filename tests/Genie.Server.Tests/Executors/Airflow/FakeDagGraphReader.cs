using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Genie.Server.Tests.Infrastructure;

namespace Genie.Server.Tests.Executors.Airflow;

/// <summary>
/// Reads a published DAG file the way the fake's DAG processor and scheduler need it: airflow/tools/dag_graph.py
/// (python3's ast) prints the task graph, and renders its templates with jinja2 for a run's conf when it has gates or
/// child triggers. Graphs are cached for the whole test process by file content (and conf, for templated ones), so
/// python runs once per published version, and once more per conf that renders differently.
/// </summary>
internal static class FakeDagGraphReader
{
    private static readonly ConcurrentDictionary<(string Hash, string Conf), Lazy<FakeDagGraph>> Cache = new();

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    // jinja2 may only be installed for Debian's python3 (`make deps` installs python3-jinja2 there).
    private static readonly Lazy<string> Interpreter = new(() => Run("python3", ["-c", "import jinja2"]).ExitCode == 0 ? "python3" : "/usr/bin/python3");

    private static string Tool => Path.Combine(RepositoryFiles.Root, "airflow", "tools", "dag_graph.py");

    /// <summary>The graph of <paramref name="source"/>; rendered for <paramref name="conf"/> when it has gates or child triggers.</summary>
    public static FakeDagGraph Read(string source, JsonObject conf)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source)));
        var graph = Cached(source, hash, conf: null);
        return graph.IsTemplated ? Cached(source, hash, conf.ToJsonString()) : graph;
    }

    private static FakeDagGraph Cached(string source, string hash, string? conf) =>
        Cache.GetOrAdd((hash, conf ?? ""), _ => new Lazy<FakeDagGraph>(() => Parse(source, conf))).Value;

    private static FakeDagGraph Parse(string source, string? conf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"genie-fake-dag-{Guid.NewGuid():N}.py");
        File.WriteAllText(file, source);
        try
        {
            var (exitCode, stdout, stderr) = Run(Interpreter.Value, conf is null ? [Tool, file] : [Tool, file, "--conf", conf]);
            return exitCode == 0
                ? JsonSerializer.Deserialize<FakeDagGraph>(stdout, Json)!
                : throw new InvalidOperationException($"dag_graph.py refused the published DAG (exit {exitCode}): {stderr}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within a minute");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
