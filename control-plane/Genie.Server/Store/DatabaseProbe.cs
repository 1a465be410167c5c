using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>Whether the database answers a trivial query (readiness).</summary>
public sealed class DatabaseProbe(NpgsqlDataSource dataSource)
{
    public async Task AnswerAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteScalarAsync<int>(new CommandDefinition("select 1", cancellationToken: cancellationToken));
    }
}
