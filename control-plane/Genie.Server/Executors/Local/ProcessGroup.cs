namespace Genie.Server.Executors.Local;

/// <summary>Signals and liveness checks on task process groups, also for recovery after a server crash.</summary>
public static class ProcessGroup
{
    /// <summary>
    /// True when the process exists and has not ended (an unreaped zombie counts as ended). Always false for an id
    /// that cannot be a task's: below 2, or the server's own process or group (a stale id reused after a restart).
    /// </summary>
    public static bool IsAlive(int pid)
    {
        if (!CouldBeTask(pid))
        {
            return false;
        }

        var error = PosixSignal.Send(pid, PosixSignal.Probe);
        if (error is not (0 or PosixSignal.NotPermitted))
        {
            return false;
        }

        return ProcStat.TryRead(pid) is not { HasEnded: true };
    }

    /// <summary>
    /// True when any process of the group has not ended, e.g. children left behind by a program that exited or
    /// whose wrapper was killed. False for ids that cannot be a task's, as for <see cref="IsAlive"/>.
    /// </summary>
    public static bool HasMembers(int pgid)
    {
        if (!CouldBeTask(pgid) || PosixSignal.Send(-pgid, PosixSignal.Probe) == PosixSignal.NoSuchProcess)
        {
            return false;
        }

        // kill() also reaches zombies, which are gone for every purpose but the process table.
        return !Directory.Exists("/proc") || ProcStat.All().Any(p => p.ProcessGroup == pgid && !p.HasEnded);
    }

    /// <summary>SIGTERM to every process of the group; a group that no longer exists is ignored.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For ids below 2, which kill(2) reads as "my group" or "everyone".</exception>
    /// <exception cref="InvalidOperationException">For the server's own process or group.</exception>
    public static void Terminate(int pgid) => Signal(pgid, PosixSignal.Terminate);

    /// <summary>SIGKILL to every process of the group; a group that no longer exists is ignored.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For ids below 2, which kill(2) reads as "my group" or "everyone".</exception>
    /// <exception cref="InvalidOperationException">For the server's own process or group.</exception>
    public static void Kill(int pgid) => Signal(pgid, PosixSignal.Kill);

    private static void Signal(int pgid, int signal)
    {
        // kill(0, ...) targets the caller's own group and kill(-1, ...) every process there is.
        ArgumentOutOfRangeException.ThrowIfLessThan(pgid, 2);
        if (IsServer(pgid))
        {
            throw new InvalidOperationException($"Refusing to signal process group {pgid}: it is the Genie server's own.");
        }

        var error = PosixSignal.Send(-pgid, signal);
        if (error is not (0 or PosixSignal.NoSuchProcess))
        {
            throw new System.ComponentModel.Win32Exception(error, $"kill(-{pgid}, {signal}) failed with errno {error}.");
        }
    }

    private static bool CouldBeTask(int pid) => pid >= 2 && !IsServer(pid);

    /// <summary>A stale id from before a restart may now be the server itself, or its group when a shell started it.</summary>
    private static bool IsServer(int id) =>
        id == Environment.ProcessId || ProcStat.TryRead(Environment.ProcessId)?.ProcessGroup == id;
}
