using Dapper;
using Npgsql;

namespace Genie.Chaos.Harness;

/// <summary>`pg_terminate_backend` of every session on Genie's database but the caller's: what a DBA or a failover does to Genie.</summary>
public static class BackendTermination
{
    /// <summary>Terminates the sessions; how many there were.</summary>
    public static async Task<int> TerminateAllAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var db = await OpenAsync(connectionString, cancellationToken);
        return await TerminateAllAsync(db, cancellationToken);
    }

    /// <summary>An unpooled session to terminate from, opened ahead when no connection slot will be left by then.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var db = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await db.OpenAsync(cancellationToken);
        return db;
    }

    /// <summary>Terminates the other sessions of <paramref name="db"/>'s database; how many there were.</summary>
    public static Task<int> TerminateAllAsync(NpgsqlConnection db, CancellationToken cancellationToken) =>
        db.ExecuteScalarAsync<int>(new CommandDefinition("""
            select count(*) filter (where pg_terminate_backend(pid))::int
            from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid()
            """, cancellationToken: cancellationToken));
}
