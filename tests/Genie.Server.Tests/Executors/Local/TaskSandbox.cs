using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Executors.Local;

/// <summary>A temporary directory to run task processes in, with the attempt's paths inside it; deleted on dispose.</summary>
internal sealed class TaskSandbox : IDisposable
{
    /// <summary>Guards against a hanging test, not a speed assertion: everything here finishes in seconds.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    public TaskSandbox()
    {
        Root = Directory.CreateTempSubdirectory("genie-local-").FullName;
    }

    public string Root { get; }

    public string WorkingDirectory => Path.Combine(Root, "work");

    public string LogPath => Path.Combine(Root, "logs", "attempt.log");

    public string ExitCodePath => Path.Combine(Root, "state", "exit-code");

    public ProcessLaunch Launch(params string[] argv) =>
        new(argv, new Dictionary<string, string>(), WorkingDirectory, LogPath, ExitCodePath, null, TimeSpan.FromSeconds(5));

    /// <summary>A /bin/sh script, the way the executor runs a task's <c>script</c>.</summary>
    public ProcessLaunch Script(string script) => Launch("/bin/sh", "-c", script);

    public TaskProcess Start(ProcessLaunch launch, LogLimits? limits = null) =>
        TaskProcess.Start(launch, TimeProvider.System, limits ?? LogLimits.Default);

    public async Task<ProcessOutcome> RunAsync(ProcessLaunch launch, LogLimits? limits = null)
    {
        using var task = Start(launch, limits);
        return await task.Completion.WaitAsync(HangGuard);
    }

    public string Log() => File.ReadAllText(LogPath);

    public IReadOnlyList<LogLine> LogLines() => LogLine.ParseAll(Log());

    /// <summary>The texts the program wrote to one stream, in order.</summary>
    public IReadOnlyList<string> Output(string stream) =>
        LogLines().Where(l => l.Stream == stream).Select(l => l.Text).ToList();

    /// <summary>Waits until the program has written a matching line to stdout, e.g. "ready".</summary>
    public async Task<LogLine> WaitForStdoutAsync(Func<string, bool> matches)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        while (true)
        {
            if (File.Exists(LogPath) && LogLines().FirstOrDefault(l => l.Stream == "stdout" && matches(l.Text)) is { } line)
            {
                return line;
            }

            await Task.Delay(20, guard.Token);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process killed moments ago may still be closing files in here; the OS temp dir is cleaned eventually.
        }
    }
}
