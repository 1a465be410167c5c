using System.Diagnostics;

namespace Genie.Server.Executors.Local;

/// <summary>
/// The command line that starts a task: setsid makes the wrapper shell the leader of a new session and
/// process group, and the wrapper records the program's exit code in a file that outlives the server.
/// </summary>
internal static class TaskWrapper
{
    /// <summary>
    /// $1 is the exit code file, $2 the pid file, the rest the program's argv. Why each piece:
    /// <c>printf %s $$</c> first records the wrapper's pid, which is the process group's id (see <see cref="PidFile"/>);
    /// <c>( exec "$@" )</c> runs argv verbatim ("$@" keeps every element intact) and <c>exec</c> only finds programs
    /// on PATH, never shell builtins, so argv ["exit", "3"] cannot end the wrapper early;
    /// <c>trap : TERM</c> keeps the wrapper alive through SIGTERM to the group until the program has ended, so the
    /// code still gets recorded, while the program starts with the default TERM action (caught signals are reset on exec);
    /// the code is written by the shell itself (a few bytes, one write) rather than to a temporary file renamed by
    /// mv: that rename cost a fork and an exec of mv at the end of every attempt, about a millisecond on the hand-off
    /// path, and bought little, since only a recovery reads the file and it takes an empty file for "not ended yet"
    /// (<see cref="ExitCodeFile.TryRead"/>), the same as a wrapper killed just before writing.
    /// </summary>
    private const string Script =
        """f="$1"; printf %s $$ > "$2"; shift 2; trap : TERM; ( exec "$@" ); c=$?; printf %s "$c" > "$f"; exit $c""";

    private const string Shell = "/bin/sh";

    private static readonly Lazy<string?> SetsidPath = new(() => FindProgram("setsid"));

    /// <summary>The start info, or null when setsid (util-linux) is not installed.</summary>
    public static ProcessStartInfo? StartInfoFor(ProcessLaunch launch)
    {
        if (SetsidPath.Value is not { } setsid)
        {
            return null;
        }

        var info = new ProcessStartInfo(setsid)
        {
            WorkingDirectory = launch.WorkingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var exitCodePath = Path.GetFullPath(launch.ExitCodePath);
        foreach (var argument in (string[])[Shell, "-c", Script, "genie-task", exitCodePath, PidFile.PathFor(exitCodePath)])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var argument in launch.Argv)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (name, value) in TaskEnvironment.For(launch))
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private static string? FindProgram(string name)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(TaskEnvironment.DefaultPath.Split(':'));
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }
}
