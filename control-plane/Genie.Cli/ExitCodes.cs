namespace Genie.Cli;

/// <summary>The exit codes of `genie`, documented in the README; scripts and CI gates branch on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command failed (a run that ended failed, a server error).</summary>
    public const int Failure = 1;

    /// <summary>`plan` found changes.</summary>
    public const int Changes = 2;

    /// <summary>The command line was wrong (unknown flag, missing argument, unreadable file).</summary>
    public const int Usage = 3;

    public const int NotFound = 4;

    /// <summary>No, a bad, or an insufficient credential (401 or 403).</summary>
    public const int Auth = 5;

    /// <summary>The server refused the input (400: an invalid spec, bad params); each field path is printed.</summary>
    public const int Invalid = 6;

    /// <summary>The job changed meanwhile or the run is in a state that does not allow the action (409, 412).</summary>
    public const int Conflict = 7;

    /// <summary>The server could not be reached.</summary>
    public const int Unreachable = 8;

    /// <summary>`run --wait`: the run was cancelled (or skipped).</summary>
    public const int RunCancelled = 9;

    /// <summary>`run --wait --timeout`: the run had not finished in time (it keeps running).</summary>
    public const int WaitTimedOut = 10;

    /// <summary>Ctrl-C ended the command (a followed log, a wait), as shells report SIGINT.</summary>
    public const int Interrupted = 130;
}
