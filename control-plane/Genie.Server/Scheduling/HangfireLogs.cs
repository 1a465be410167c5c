using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Genie.Server.Scheduling;

/// <summary>
/// Hangfire's log lines in Genie's log. Hangfire has one log provider per process; several hosts in one process
/// (the tests) each set it, and one that has stopped disposed the logger factory the others may still write to:
/// such a line is dropped instead of failing the Hangfire call that logged it.
/// </summary>
public sealed class HangfireLogs(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(factory);

    public ILog GetLogger(string name) => new Guarded(() => _inner.GetLogger(name));

    private sealed class Guarded(Func<ILog> create) : ILog
    {
        private ILog? _log;

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                _log ??= create();
                return _log.Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
