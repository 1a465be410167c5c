using Genie.Core.Specs;

namespace Genie.Server.Executors.Local;

/// <summary>Stops a process group the way init systems do: SIGTERM now, SIGKILL once the grace period is over.</summary>
internal sealed class GroupEscalation : IDisposable
{
    private readonly Lock _gate = new();
    private readonly int _pgid;
    private readonly TimeSpan _grace;
    private readonly TimeProvider _time;
    private readonly AttemptLogWriter _log;
    private ITimer? _killTimer;
    private bool _disposed;

    public GroupEscalation(int pgid, TimeSpan grace, TimeProvider time, AttemptLogWriter log)
    {
        _pgid = pgid;
        _grace = grace;
        _time = time;
        _log = log;
    }

    /// <summary>True between <see cref="Begin"/> and <see cref="Dispose"/>.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _killTimer is not null && !_disposed;
            }
        }
    }

    /// <summary>True once the grace period is over and SIGKILL went to whatever was left.</summary>
    public bool GraceOver { get; private set; }

    /// <summary>Sends SIGTERM and arms SIGKILL; later calls do nothing.</summary>
    public void Begin()
    {
        lock (_gate)
        {
            if (_killTimer is not null || _disposed)
            {
                return;
            }

            Send(ProcessGroup.Terminate);
            _killTimer = _time.CreateTimer(_ => KillNow(), null, _grace, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Disarms SIGKILL. Signals are only ever sent under the lock, so none can follow this call.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _killTimer?.Dispose();
        }
    }

    private void KillNow()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            GraceOver = true;
            if (!ProcessGroup.HasMembers(_pgid))
            {
                return;
            }

            _log.WriteNote($"process group {_pgid} still running {SpecDuration.Format(_grace)} after SIGTERM; sending SIGKILL");
            Send(ProcessGroup.Kill);
        }
    }

    /// <summary>A failed kill() is noted in the log rather than thrown, which from a timer callback would end the server.</summary>
    private void Send(Action<int> signal)
    {
        try
        {
            signal(_pgid);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            _log.WriteNote($"could not signal process group {_pgid}: {e.Message}");
        }
    }
}
