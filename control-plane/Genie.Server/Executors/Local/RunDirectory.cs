using System.Globalization;

namespace Genie.Server.Executors.Local;

/// <summary>Where a run lives on disk: `runs/{id}/work` is every task's working directory, `runs/{id}/logs` holds attempt logs.</summary>
public sealed record RunDirectory(string Root)
{
    public static RunDirectory Of(string dataDir, Guid runId) =>
        new(Path.Combine(dataDir, "runs", runId.ToString()));

    public string WorkingDirectory => Path.Combine(Root, "work");

    public string LogPath(string task, int replica, int attempt) =>
        Path.Combine(AttemptDir(task, replica), $"attempt-{attempt.ToString(CultureInfo.InvariantCulture)}.log");

    /// <summary>Written by the process wrapper when the program ends, so a restarted Genie learns how it ended.</summary>
    public static string ExitCodePath(string logPath) => Path.ChangeExtension(logPath, ".exit");

    private string AttemptDir(string task, int replica) =>
        Path.Combine(Root, "logs", task, replica.ToString(CultureInfo.InvariantCulture));
}
