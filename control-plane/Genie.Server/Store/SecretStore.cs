using Dapper;
using Npgsql;

namespace Genie.Server.Store;

/// <summary>The `secrets` table. It only ever sees ciphertext; sealing and opening is the vault's.</summary>
public sealed class SecretStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "namespace, name, keys, key_id as keyid, nonce, ciphertext, created_at as createdat, rotated_at as rotatedat";

    /// <summary>Inserts the secret; false when the namespace already has one of that name.</summary>
    public async Task<bool> CreateAsync(StoredSecret secret, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into secrets (namespace, name, keys, key_id, nonce, ciphertext, created_at, rotated_at)
            values (@Namespace, @Name, @Keys, @KeyId, @Nonce, @Ciphertext, @CreatedAt, @RotatedAt)
            on conflict (namespace, name) do nothing
            """,
            secret, cancellationToken: cancellationToken));
        return inserted == 1;
    }

    /// <summary>Replaces the values of an existing secret; false when there is none.</summary>
    public async Task<bool> RotateAsync(StoredSecret secret, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            update secrets set keys = @Keys, key_id = @KeyId, nonce = @Nonce, ciphertext = @Ciphertext, rotated_at = @RotatedAt
            where namespace = @Namespace and name = @Name
            """,
            secret, cancellationToken: cancellationToken));
        return updated == 1;
    }

    /// <summary>
    /// Re-seals a secret under another encryption key, unless its values changed since <paramref name="previousKeyId"/>
    /// sealed them (a rotation by another replica, or by a user, won the race).
    /// </summary>
    public async Task<bool> ReencryptAsync(StoredSecret secret, string previousKeyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            update secrets set key_id = @KeyId, nonce = @Nonce, ciphertext = @Ciphertext
            where namespace = @Namespace and name = @Name and key_id = @previousKeyId
            """,
            new { secret.Namespace, secret.Name, secret.KeyId, secret.Nonce, secret.Ciphertext, previousKeyId },
            cancellationToken: cancellationToken));
        return updated == 1;
    }

    public async Task<bool> DeleteAsync(string ns, string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "delete from secrets where namespace = @ns and name = @name", new { ns, name }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<StoredSecret?> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<StoredSecret>(new CommandDefinition(
            $"select {Columns} from secrets where namespace = @ns and name = @name", new { ns, name }, cancellationToken: cancellationToken));
    }

    /// <summary>The namespace's secrets by name.</summary>
    public async Task<IReadOnlyList<StoredSecret>> ListAsync(string ns, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredSecret>(new CommandDefinition(
            $"select {Columns} from secrets where namespace = @ns order by name", new { ns }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Up to <paramref name="limit"/> of the namespace's secrets by name, after <paramref name="afterName"/> when given.</summary>
    public async Task<IReadOnlyList<StoredSecret>> ListPageAsync(string ns, string? afterName, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredSecret>(new CommandDefinition(
            $"select {Columns} from secrets where namespace = @ns and (@afterName::text is null or name > @afterName) order by name limit @limit",
            new { ns, afterName, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Every secret of every namespace, for making another system's copy match.</summary>
    public async Task<IReadOnlyList<StoredSecret>> ListAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredSecret>(new CommandDefinition(
            $"select {Columns} from secrets order by namespace, name", cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Every secret sealed under a key other than <paramref name="keyId"/>, for a key rotation.</summary>
    public async Task<IReadOnlyList<StoredSecret>> ListSealedOtherThanAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredSecret>(new CommandDefinition(
            $"select {Columns} from secrets where key_id <> @keyId order by namespace, name", new { keyId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
