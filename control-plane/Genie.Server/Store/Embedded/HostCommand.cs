using System.ComponentModel;
using System.Diagnostics;

namespace Genie.Server.Store.Embedded;

/// <summary>Runs one program of the host to completion and captures what it printed.</summary>
internal static class HostCommand
{
    /// <summary>The exit code and the combined stdout/stderr of a finished program.</summary>
    public sealed record Result(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
    }

    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Locate(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Start(info);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new Result(process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }

    /// <summary>
    /// The program's path: found on PATH, or in the sbin folders where `runuser` lives, which the PATH of
    /// a non-login root shell (sudo, su, cron) often lacks. A name found nowhere is left for Process to report.
    /// </summary>
    private static string Locate(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return program;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists) ?? program;
    }

    /// <summary>Starts the program, turning "no such program" into a failure that names it.</summary>
    private static Process Start(ProcessStartInfo info)
    {
        try
        {
            return Process.Start(info) ?? throw new EmbeddedPostgresException($"Could not start `{info.FileName}`.");
        }
        catch (Win32Exception e)
        {
            throw new EmbeddedPostgresException($"Could not run `{info.FileName}` ({e.Message}); is it installed?");
        }
    }
}
