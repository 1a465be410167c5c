using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>The `schedule_pauses` table: which job schedules are paused, shared by every replica.</summary>
public sealed class SchedulePauseStore(NpgsqlDataSource dataSource)
{
    public async Task<bool> IsPausedAsync(string ns, string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from schedule_pauses where namespace = @ns and name = @name)",
            new { ns, name }, cancellationToken: cancellationToken));
    }

    /// <summary>Every paused schedule as `namespace/name`.</summary>
    public async Task<IReadOnlySet<string>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var keys = await connection.QueryAsync<string>(new CommandDefinition(
            "select namespace || '/' || name from schedule_pauses", cancellationToken: cancellationToken));
        return keys.ToHashSet();
    }

    public async Task PauseAsync(string ns, string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into schedule_pauses (namespace, name, paused_at) values (@ns, @name, @at) on conflict do nothing",
            new { ns, name, at }, cancellationToken: cancellationToken));
    }

    /// <summary>Resumes the schedule, or forgets its pause once it has no schedule any more.</summary>
    public async Task ClearAsync(string ns, string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "delete from schedule_pauses where namespace = @ns and name = @name", new { ns, name }, cancellationToken: cancellationToken));
    }
}
