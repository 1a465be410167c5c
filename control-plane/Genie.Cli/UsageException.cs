namespace Genie.Cli;

/// <summary>The command line asks for something impossible (no server configured, an unreadable file); exits with <see cref="ExitCodes.Usage"/>.</summary>
public sealed class UsageException(string message) : Exception(message);
