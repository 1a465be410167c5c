using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Genie.Core.Specs;

namespace Genie.Server.Executors.Local;

/// <summary>
/// One task attempt running as a host process in its own process group, with its output captured
/// into the attempt log.
/// </summary>
public sealed class TaskProcess : IDisposable
{
    /// <summary>
    /// How long output may keep coming after the group has ended (or was killed) before reading stops.
    /// Only a process that left the group with its own setsid can hold the pipes that long; without
    /// this limit it would keep the attempt from ever completing.
    /// </summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan GroupPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The clock of the internal safety waits above. The caller's TimeProvider drives only the policy a caller
    /// sets (timeout, kill grace) and the log timestamps, so a manual test clock cannot stall an attempt's end.
    /// </summary>
    private static readonly TimeProvider SafetyClock = TimeProvider.System;

    private readonly Lock _gate = new();
    private readonly AttemptLogWriter? _log;
    private readonly GroupEscalation? _escalation;
    private readonly ITimer? _timeoutTimer;
    private readonly CancellationTokenSource _stopReading = new();
    private ProcessEnd? _stopKind;
    private string? _stopReason;
    private bool _exited;
    private bool _disposed;

    private TaskProcess(ProcessOutcome launchFailure)
    {
        _exited = true; // nothing to stop
        Completion = Task.FromResult(launchFailure);
    }

    private TaskProcess(Process process, ProcessLaunch launch, TimeProvider time, AttemptLogWriter log, LogLimits limits)
    {
        _log = log;
        Pid = process.Id;
        _escalation = new GroupEscalation(Pid, launch.KillGrace, time, log);

        // The program gets EOF on stdin instead of sharing the server's.
        process.StandardInput.Close();
        var pumps = Task.WhenAll(
            OutputPump.RunAsync(process.StandardOutput.BaseStream, LogStream.Stdout, log, limits.MaxLineBytes, _stopReading.Token),
            OutputPump.RunAsync(process.StandardError.BaseStream, LogStream.Stderr, log, limits.MaxLineBytes, _stopReading.Token));

        if (launch.Timeout is { } timeout)
        {
            var reason = $"timed out after {SpecDuration.Format(timeout)}";
            _timeoutTimer = time.CreateTimer(_ => Stop(ProcessEnd.TimedOut, reason), null, timeout, Timeout.InfiniteTimeSpan);
        }

        Completion = MonitorAsync(process, pumps);
    }

    /// <summary>The wrapper's pid, which is also the id of the task's process group and session; 0 when the launch failed.</summary>
    public int Pid { get; }

    /// <summary>Completes, never faulting, once the program has ended and its output is in the closed log file.</summary>
    public Task<ProcessOutcome> Completion { get; }

    /// <summary>Starts the program with the default <see cref="LogLimits"/>.</summary>
    public static TaskProcess Start(ProcessLaunch launch, TimeProvider time) => Start(launch, time, LogLimits.Default);

    /// <summary>
    /// Starts the program. Throws only for invalid arguments; anything that goes wrong on the machine
    /// is reported through <see cref="Completion"/> (a missing program ends with exit code 127).
    /// </summary>
    public static TaskProcess Start(ProcessLaunch launch, TimeProvider time, LogLimits limits)
    {
        Validate(launch, time, limits);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Task processes need POSIX process groups.");
        }

        AttemptLogWriter? log = null;
        try
        {
            log = AttemptLogWriter.Open(launch.LogPath, time, limits.MaxLogBytes);
            Directory.CreateDirectory(launch.WorkingDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(launch.ExitCodePath))!);

            // A leftover file would make a later recovery believe this attempt had already ended.
            File.Delete(launch.ExitCodePath);
            File.Delete(PidFile.PathFor(launch.ExitCodePath));

            var info = TaskWrapper.StartInfoFor(launch);
            if (info is null)
            {
                return LaunchFailed(log, "setsid (util-linux) was not found; it is needed to give the task its own process group");
            }

            var process = Process.Start(info) ?? throw new Win32Exception("Process.Start returned no process.");
            return new TaskProcess(process, launch, time, log, limits);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Win32Exception)
        {
            return LaunchFailed(log, e.Message);
        }
        catch
        {
            log?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Terminates the process group: SIGTERM, then SIGKILL after the launch's KillGrace. Has no effect once the
    /// program has ended, after a timeout or an earlier cancel, or after <see cref="Dispose"/>.
    /// </summary>
    public void Cancel(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Stop(ProcessEnd.Cancelled, reason);
    }

    /// <summary>
    /// Stops the timeout and any pending SIGKILL; it does not kill, that is for the caller to decide. The process
    /// handle, pipes and log file are released by the task itself as soon as the program has ended.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _timeoutTimer?.Dispose();
        _escalation?.Dispose();
    }

    private static TaskProcess LaunchFailed(AttemptLogWriter? log, string reason)
    {
        log?.WriteNote($"launch failed: {reason}");
        log?.Dispose();
        return new TaskProcess(new ProcessOutcome(ProcessEnd.LaunchFailed, null, reason));
    }

    private void Stop(ProcessEnd kind, string reason)
    {
        lock (_gate)
        {
            if (_exited || _disposed || _stopKind is not null)
            {
                return;
            }

            _stopKind = kind;
            _stopReason = reason;
        }

        _log!.WriteNote(string.Create(CultureInfo.InvariantCulture,
            $"{(kind == ProcessEnd.Cancelled ? "cancelled: " : "")}{reason}; sending SIGTERM to process group {Pid}"));
        _escalation!.Begin();
    }

    private async Task<ProcessOutcome> MonitorAsync(Process process, Task pumps)
    {
        try
        {
            await process.WaitForExitAsync().ConfigureAwait(false);
            var exitCode = process.ExitCode;
            lock (_gate)
            {
                _exited = true;
            }

            _timeoutTimer?.Dispose();
            try
            {
                await EndLeftoversAsync().ConfigureAwait(false);
                await DrainAsync(pumps).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The program has ended and its exit code is known; a failure while tidying up must not hide that.
                _log!.WriteNote($"error while finishing the attempt: {e.Message}");
            }

            lock (_gate)
            {
                return new ProcessOutcome(_stopKind ?? ProcessEnd.Exited, exitCode, _stopReason);
            }
        }
        finally
        {
            _escalation!.Dispose();
            _log!.Dispose();
            process.Dispose();
            _stopReading.Dispose();
        }
    }

    /// <summary>
    /// Background processes the program left in its group would leak and hold the output pipes open, so
    /// they get the same SIGTERM/SIGKILL treatment as a cancelled task.
    /// </summary>
    private async Task EndLeftoversAsync()
    {
        if (!ProcessGroup.HasMembers(Pid))
        {
            return;
        }

        if (!_escalation!.IsRunning)
        {
            _log!.WriteNote(string.Create(CultureInfo.InvariantCulture,
                $"the program exited but left processes in group {Pid}; sending SIGTERM"));
        }

        _escalation!.Begin();
        DateTimeOffset? graceOverAt = null;
        while (_escalation.IsRunning && ProcessGroup.HasMembers(Pid))
        {
            if (_escalation.GraceOver)
            {
                // Only a process stuck in the kernel outlives SIGKILL for long; it must not hold up the attempt.
                graceOverAt ??= SafetyClock.GetUtcNow();
                if (SafetyClock.GetUtcNow() - graceOverAt >= DrainLimit)
                {
                    return;
                }
            }

            await Task.Delay(GroupPollInterval, SafetyClock).ConfigureAwait(false);
        }
    }

    private async Task DrainAsync(Task pumps)
    {
        var limit = Task.Delay(DrainLimit, SafetyClock);
        if (await Task.WhenAny(pumps, limit).ConfigureAwait(false) != pumps)
        {
            _log!.WriteNote("output pipes are still open in a process outside the task's group; stopped reading them");
            await _stopReading.CancelAsync().ConfigureAwait(false);
        }

        await pumps.ConfigureAwait(false);
    }

    private static void Validate(ProcessLaunch launch, TimeProvider time, LogLimits limits)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(launch.Argv);
        ArgumentNullException.ThrowIfNull(launch.Environment);
        if (launch.Argv.Count == 0 || string.IsNullOrEmpty(launch.Argv[0]) || launch.Argv.Any(a => a is null))
        {
            throw new ArgumentException("Argv needs a program name and no null elements.", nameof(launch));
        }

        if (launch.Environment.Keys.Any(k => k.Length == 0 || k.Contains('=')))
        {
            throw new ArgumentException("Environment variable names must be non-empty and must not contain '='.", nameof(launch));
        }

        ArgumentException.ThrowIfNullOrEmpty(launch.WorkingDirectory);
        ArgumentException.ThrowIfNullOrEmpty(launch.LogPath);
        ArgumentException.ThrowIfNullOrEmpty(launch.ExitCodePath);
        if (launch.Timeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(launch.KillGrace, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxLineBytes, 4); // room for one UTF-8 character
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxLogBytes, 1L);
    }
}
