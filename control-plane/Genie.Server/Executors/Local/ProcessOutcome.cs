namespace Genie.Server.Executors.Local;

/// <summary>The end of a task process.</summary>
/// <param name="End">Why it ended.</param>
/// <param name="ExitCode">The program's exit code (128 + signal number when a signal ended it); null when nothing ran.</param>
/// <param name="Reason">Human-readable cause for <see cref="ProcessEnd.TimedOut"/>, <see cref="ProcessEnd.Cancelled"/> and <see cref="ProcessEnd.LaunchFailed"/>; null for a normal exit.</param>
public sealed record ProcessOutcome(ProcessEnd End, int? ExitCode, string? Reason);
