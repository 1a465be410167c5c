using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>The `api_keys` table: hashed keys, their grants, and revocation.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        """
        prefix, name, secret_hash as secrethash, grants, created_at as createdat, created_by as createdby,
        expires_at as expiresat, revoked_at as revokedat, revoked_by as revokedby
        """;

    /// <summary>Inserts a key; false when its prefix exists already.</summary>
    public async Task<bool> CreateAsync(StoredApiKey key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(Insert, key, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Inserts the bootstrap key when no key exists at all. The table lock makes replicas starting together on an
    /// empty database agree on one: the others find the first's key and insert nothing. <paramref name="beforeCommit"/>
    /// runs once the insert is made and before it commits.
    /// </summary>
    public async Task<bool> CreateIfNoneAsync(StoredApiKey key, Action beforeCommit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "lock table api_keys in share row exclusive mode", transaction: transaction, cancellationToken: cancellationToken));
        var any = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from api_keys)", transaction: transaction, cancellationToken: cancellationToken));
        if (any)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(Insert, key, transaction, cancellationToken: cancellationToken));
        beforeCommit();
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<StoredApiKey?> FindAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredApiKey>(new CommandDefinition(
            $"select {Columns} from api_keys where prefix = @prefix", new { prefix }, cancellationToken: cancellationToken));
    }

    /// <summary>Keys by creation, oldest first, after <paramref name="afterPrefix"/> in that order.</summary>
    public async Task<IReadOnlyList<StoredApiKey>> ListAsync(
        int limit, (DateTimeOffset CreatedAt, string Prefix)? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredApiKey>(new CommandDefinition(
            $"""
            select {Columns} from api_keys
            where @afterAt::timestamptz is null or (created_at, prefix) > (@afterAt, @afterPrefix)
            order by created_at, prefix
            limit @limit
            """,
            new { limit, afterAt = after?.CreatedAt, afterPrefix = after?.Prefix }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Revokes a key that is not revoked yet; false when there is no such key or it was revoked before.</summary>
    public async Task<bool> RevokeAsync(string prefix, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update api_keys set revoked_at = @now, revoked_by = @actor where prefix = @prefix and revoked_at is null",
            new { prefix, actor, now }, cancellationToken: cancellationToken)) == 1;
    }

    private const string Insert =
        """
        insert into api_keys (prefix, name, secret_hash, grants, created_at, created_by, expires_at)
        values (@Prefix, @Name, @SecretHash, @Grants, @CreatedAt, @CreatedBy, @ExpiresAt)
        on conflict (prefix) do nothing
        """;
}
