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
        var info = new ProcessStartInfo(program)
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

        using var process = Process.Start(info)
            ?? throw new EmbeddedPostgresException($"Could not start `{program}`.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new Result(process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }
}
