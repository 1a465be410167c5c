using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>
/// Session advisory locks held on a pooled connection of their own, in the two-key form (a class and a name), so they
/// stay apart from the single-key transaction locks of admission and migrations; a crashed holder frees them with its
/// connection.
/// </summary>
public sealed class SessionLocks(NpgsqlDataSource dataSource)
{
    /// <summary>The lock, released when disposed; null when another session holds it.</summary>
    public async Task<IAsyncDisposable?> TryTakeAsync(int lockClass, string name, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var taken = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select pg_try_advisory_lock(@lockClass, hashtext(@name))", new { lockClass, name }, cancellationToken: cancellationToken));
            if (taken)
            {
                return new Held(connection, lockClass, name);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private sealed class Held(NpgsqlConnection connection, int lockClass, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "select pg_advisory_unlock(@lockClass, hashtext(@name))", new { lockClass, name }));
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
