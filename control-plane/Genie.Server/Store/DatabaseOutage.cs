using System.Net.Sockets;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>
/// Tells a database outage (PostgreSQL stopped, restarting, unreachable or out of connections) from every other
/// failure. An outage ends by itself: callers wait, retry and say so in one short line. Anything else is a fault
/// of Genie or of the data, and deserves an error with its stack trace.
/// </summary>
public static class DatabaseOutage
{
    public static bool Is(Exception exception)
    {
        // Only the outermost exception counts for the plain types: HttpClient wraps its own timeouts in a
        // TaskCanceledException whose inner exception is a TimeoutException, and Airflow being slow is no outage.
        if (exception is SocketException or TimeoutException)
        {
            return true;
        }

        // Npgsql's exceptions count wherever they are: a library (Hangfire's storage, say) may wrap them in its own.
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return IsOutageState(postgres.SqlState);
                case NpgsqlException npgsql:
                    // Failed to connect, a broken stream, a timeout, an exhausted pool; not misuse such as a command
                    // already in progress, which is a bug.
                    return npgsql.IsTransient;
            }
        }

        return false;
    }

    /// <summary>A one-line reason for logs and problem documents, without a stack trace.</summary>
    public static string Describe(Exception exception)
    {
        var npgsql = exception;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException)
            {
                npgsql = e;
                break;
            }
        }

        return npgsql.InnerException is SocketException socket ? $"{npgsql.Message}: {socket.Message}" : npgsql.Message;
    }

    /// <summary>
    /// SQLSTATEs of a server that is going away or not there yet: class 08 (connection exception), 57P01
    /// (admin shutdown, what `pg_ctl stop -m fast` sends), 57P02 (crash shutdown), 57P03 (starting up or in
    /// recovery), 53300 (too many connections).
    /// </summary>
    private static bool IsOutageState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState is "57P01" or "57P02" or "57P03" or "53300";
}
