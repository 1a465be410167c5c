namespace Genie.Server.Executors.Local;

/// <summary>What to run for one task attempt, and where its log and exit code go.</summary>
/// <param name="Argv">The program and its arguments. argv[0] is looked up on the task's PATH; nothing is parsed by a shell.</param>
/// <param name="Environment">Variables added over the minimal base environment (the server's own environment is not inherited).</param>
/// <param name="WorkingDirectory">Where the program starts; created if missing.</param>
/// <param name="LogPath">The attempt log; parent directories are created, an existing file is appended to.</param>
/// <param name="ExitCodePath">Written atomically with the program's exit code when it ends, even if the server is gone by then.</param>
/// <param name="Timeout">How long the program may run; null means no limit.</param>
/// <param name="KillGrace">Time between SIGTERM to the process group and SIGKILL.</param>
public sealed record ProcessLaunch(
    IReadOnlyList<string> Argv,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    string LogPath,
    string ExitCodePath,
    TimeSpan? Timeout,
    TimeSpan KillGrace);
