using Genie.Server.Executors.Local;

namespace Genie.Server.Tests.Infrastructure;

/// <summary>
/// The process group a local attempt runs as, read where recovery reads it: the pid file the task wrapper writes beside
/// the attempt's log before it starts the program (the database gets the pid only with the attempt's end).
/// </summary>
public static class AttemptProcessGroup
{
    /// <summary>The pid, or null while the wrapper has not written it yet.</summary>
    public static int? Of(string logPath) => PidFile.TryRead(PidFile.PathFor(RunDirectory.ExitCodePath(logPath)));
}
