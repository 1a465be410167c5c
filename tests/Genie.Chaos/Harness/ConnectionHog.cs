using Npgsql;

namespace Genie.Chaos.Harness;

/// <summary>
/// Idle sessions held open on the cluster until no connection slot is left, so a new connection of Genie's is
/// refused (53300, too many clients); disposing closes them all again.
/// </summary>
public sealed class ConnectionHog : IAsyncDisposable
{
    private readonly List<NpgsqlConnection> _held = [];

    private ConnectionHog()
    {
    }

    public int Held => _held.Count;

    /// <summary>Opens sessions to the cluster's `postgres` database until the server refuses one.</summary>
    public static async Task<ConnectionHog> FillAsync(string connectionString, CancellationToken cancellationToken)
    {
        var hog = new ConnectionHog();
        var target = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        while (true)
        {
            var connection = new NpgsqlConnection(target);
            try
            {
                await connection.OpenAsync(cancellationToken);
                hog._held.Add(connection);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.TooManyConnections)
            {
                await connection.DisposeAsync();
                return hog;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _held)
        {
            await connection.DisposeAsync();
        }

        _held.Clear();
    }
}
