using System.Diagnostics;

namespace Genie.Server.Tests.Deployment;

/// <summary>What a program printed and how it ended.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    public string Describe() => $"exit code {ExitCode}\n{Output}\n{Error}".Trim();
}

/// <summary>
/// A program the chart checks run (helm, node, yamllint). A program that is not installed fails the test that needs it
/// and says which make target installs it: these checks never pass because a tool is missing.
/// </summary>
public sealed class ExternalTool(string program, string installHint)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public string Program { get; } = program;

    public async Task<ToolResult> RunAsync(IEnumerable<string> arguments, string? standardInput = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{Program} could not be started ({e.Message}); {installHint}", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (standardInput is not null)
            {
                await process.StandardInput.WriteAsync(standardInput);
                process.StandardInput.Close();
            }

            try
            {
                await process.WaitForExitAsync().WaitAsync(Patience);
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{Program} {string.Join(' ', arguments)} did not end within {Patience}");
            }

            return new ToolResult(process.ExitCode, await output, await error);
        }
    }
}
