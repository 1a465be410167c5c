using Dapper;
using Genie.Server.Store;
using Npgsql;

namespace Genie.Server.Tests.Kafka;

/// <summary>Every row of a test database's outbox, in (tx, id) order: what the relay must publish.</summary>
public static class OutboxRows
{
    public static async Task<IReadOnlyList<RelayedEvent>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return (await connection.QueryAsync<RelayedEvent>("""
            select id, tx::text::bigint as tx, event_id as eventid, occurred_at as occurredat, aggregate_id as aggregateid, type,
                   schema_version as schemaversion, actor, payload::text as payload
            from events order by tx, id
            """)).ToList();
    }
}
