namespace Genie.Server.Executors.Local;

/// <summary>Signals and liveness checks on task process groups, also for recovery after a server crash.</summary>
public static class ProcessGroup
{
    /// <summary>True when the process exists and has not ended (an unreaped zombie counts as ended).</summary>
    public static bool IsAlive(int pid)
    {
        RequireTaskPid(pid);
        var error = PosixSignal.Send(pid, PosixSignal.Probe);
        if (error is not (0 or PosixSignal.NotPermitted))
        {
            return false;
        }

        return ProcStat.TryRead(pid) is not { HasEnded: true };
    }

    /// <summary>True when any process of the group has not ended, e.g. children left behind by a program that exited.</summary>
    public static bool HasMembers(int pgid)
    {
        RequireTaskPid(pgid);
        if (PosixSignal.Send(-pgid, PosixSignal.Probe) == PosixSignal.NoSuchProcess)
        {
            return false;
        }

        // kill() also reaches zombies, which are gone for every purpose but the process table.
        return !Directory.Exists("/proc") || ProcStat.All().Any(p => p.ProcessGroup == pgid && !p.HasEnded);
    }

    /// <summary>SIGTERM to every process of the group; a group that no longer exists is ignored.</summary>
    public static void Terminate(int pgid) => Signal(pgid, PosixSignal.Terminate);

    /// <summary>SIGKILL to every process of the group; a group that no longer exists is ignored.</summary>
    public static void Kill(int pgid) => Signal(pgid, PosixSignal.Kill);

    private static void Signal(int pgid, int signal)
    {
        RequireTaskPid(pgid);

        // A stale id from before a restart may now be the server's own group, e.g. when it was started from a shell.
        if (pgid == Environment.ProcessId || ProcStat.TryRead(Environment.ProcessId)?.ProcessGroup == pgid)
        {
            throw new InvalidOperationException($"Refusing to signal process group {pgid}: it is the Genie server's own group.");
        }

        var error = PosixSignal.Send(-pgid, signal);
        if (error is not (0 or PosixSignal.NoSuchProcess))
        {
            throw new System.ComponentModel.Win32Exception(error, $"kill(-{pgid}, {signal}) failed with errno {error}.");
        }
    }

    private static void RequireTaskPid(int pid)
    {
        // kill(0, ...) targets the caller's own group and kill(-1, ...) every process there is.
        ArgumentOutOfRangeException.ThrowIfLessThan(pid, 2);
    }
}
