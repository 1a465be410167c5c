using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>The `replicas` table: each Genie server that runs local attempts, and its last heartbeat.</summary>
public sealed class ReplicaStore(NpgsqlDataSource dataSource)
{
    /// <summary>Records a sign of life with the replica's <paramref name="slots"/>; the first one of a process also resets its start time.</summary>
    public async Task BeatAsync(string id, string host, int slots, DateTimeOffset now, bool starting, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into replicas (id, host, slots, started_at, heartbeat_at) values (@id, @host, @slots, @now, @now)
            on conflict (id) do update set host = @host, slots = @slots, heartbeat_at = @now,
                started_at = case when @starting then @now else replicas.started_at end
            """, new { id, host, slots, now, starting }, cancellationToken: cancellationToken));
    }
}
