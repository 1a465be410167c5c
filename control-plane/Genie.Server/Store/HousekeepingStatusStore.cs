using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>The last run of each housekeeping job, shared by the replicas through the `housekeeping_status` table.</summary>
public sealed class HousekeepingStatusStore(NpgsqlDataSource dataSource)
{
    /// <summary>One row of `housekeeping_status`.</summary>
    public sealed record Status(string Name, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, bool? Succeeded, string? Detail, string InstanceId);

    public async Task StartedAsync(string name, DateTimeOffset at, string instanceId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            insert into housekeeping_status (name, started_at, finished_at, succeeded, detail, instance_id)
            values (@name, @at, null, null, null, @instanceId)
            on conflict (name) do update set started_at = @at, finished_at = null, succeeded = null, detail = null, instance_id = @instanceId
            """, new { name, at, instanceId }, cancellationToken: cancellationToken));
    }

    public async Task FinishedAsync(string name, DateTimeOffset at, bool succeeded, string detail, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "update housekeeping_status set finished_at = @at, succeeded = @succeeded, detail = @detail where name = @name",
            new { name, at, succeeded, detail }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyDictionary<string, Status>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Status>(new CommandDefinition(
            "select name, started_at as startedat, finished_at as finishedat, succeeded, detail, instance_id as instanceid from housekeeping_status",
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }
}
