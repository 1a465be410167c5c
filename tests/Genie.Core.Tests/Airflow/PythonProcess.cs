using System.Diagnostics;

namespace Genie.Core.Tests.Airflow;

/// <summary>
/// Runs python3 and the repository's Python tools: the python3 on PATH when it has jinja2 (the renderer needs
/// it), else Debian's /usr/bin/python3, where `make deps` installs python3-jinja2.
/// </summary>
internal static class PythonProcess
{
    private static readonly Lazy<string> Interpreter = new(() =>
        Run("python3", ["-c", "import jinja2"], throwOnMissing: false) is { ExitCode: 0 } ? "python3" : "/usr/bin/python3");

    /// <summary>
    /// The failure message when python3 cannot import jinja2. Tests that compare rendered values fail rather than
    /// skip: a quiet skip would let a broken escaper through, and `make deps` (run by `make test`) installs it.
    /// </summary>
    public const string JinjaMissing =
        "python3 has no jinja2, so rendered templates cannot be checked: install Debian's python3-jinja2 (`make deps` does)";

    /// <summary>The repository root (the folder holding Genie.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>airflow/tools/check_dag.py.</summary>
    public static string CheckDag => Path.Combine(RepositoryRoot, "airflow", "tools", "check_dag.py");

    /// <summary>The helper that prints a DAG file's values as JSON.</summary>
    public static string DagValues => Path.Combine(RepositoryRoot, "tests", "Genie.Core.Tests", "Airflow", "Scripts", "dag_values.py");

    /// <summary>Runs python3 with <paramref name="arguments"/>.</summary>
    public static PythonResult Python(params string[] arguments) => Run(Interpreter.Value, arguments, throwOnMissing: true)!;

    private static PythonResult? Run(string program, IReadOnlyList<string> arguments, bool throwOnMissing)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONIOENCODING"] = "utf-8";

        // Imports of the repository's scripts must not leave __pycache__ folders in the work tree.
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish");
            }

            return new PythonResult(process.ExitCode, stdout.Result, stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception) when (!throwOnMissing)
        {
            return null;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Genie.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no Genie.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>How a Python process ended.</summary>
internal sealed record PythonResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Everything it printed, for assertion messages.</summary>
    public string Output => Stdout + Stderr;
}
