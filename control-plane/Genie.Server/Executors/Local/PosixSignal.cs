using System.Runtime.InteropServices;

namespace Genie.Server.Executors.Local;

/// <summary>libc's kill(2): .NET can signal a process but not a whole process group.</summary>
internal static class PosixSignal
{
    public const int Probe = 0;
    public const int Kill = 9;
    public const int Terminate = 15;

    public const int NotPermitted = 1;   // EPERM
    public const int NoSuchProcess = 3;  // ESRCH

    /// <summary>Sends <paramref name="signal"/> to a process, or to a process group when <paramref name="pid"/> is negative.</summary>
    /// <returns>0 when sent, otherwise the errno.</returns>
    public static int Send(int pid, int signal) =>
        kill(pid, signal) == 0 ? 0 : Marshal.GetLastPInvokeError();

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code enabled for the whole server project.
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}
