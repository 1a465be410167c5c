using Genie.Client.Contracts;
using Genie.Server.Secrets.Kubernetes;
using Genie.Server.Store;

namespace Genie.Server.Secrets;

/// <summary>
/// Secrets by namespace: writes seal values before they reach the store, reads of metadata never open them, and only
/// <see cref="ReadValuesAsync"/> (for an executor about to start a task) decrypts. Each committed write is then
/// passed on to the configured copies (<see cref="ISecretSync"/>), never inside the write: a copy that is down
/// must not undo or fail it.
/// </summary>
public sealed class SecretVault(SecretStore store, SecretCipher cipher, TimeProvider clock, IEnumerable<ISecretSync> syncs)
{
    private readonly IReadOnlyList<ISecretSync> _syncs = syncs.ToList();

    /// <summary>Creates the secret; null when the namespace already has one of that name.</summary>
    public async Task<SecretResource?> CreateAsync(string ns, string name, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        var row = Seal(ns, name, data, clock.GetUtcNow(), rotatedAt: null);
        if (!await store.CreateAsync(row, cancellationToken))
        {
            return null;
        }

        await WrittenAsync(ns, name, cancellationToken);
        return ToResource(row);
    }

    /// <summary>Replaces the secret's values; null when it does not exist.</summary>
    public async Task<SecretResource?> RotateAsync(string ns, string name, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!await store.RotateAsync(Seal(ns, name, data, now, now), cancellationToken))
        {
            return null;
        }

        await WrittenAsync(ns, name, cancellationToken);
        return await GetAsync(ns, name, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string ns, string name, CancellationToken cancellationToken)
    {
        if (!await store.DeleteAsync(ns, name, cancellationToken))
        {
            return false;
        }

        foreach (var sync in _syncs)
        {
            await sync.DeletedAsync(ns, name, cancellationToken);
        }

        return true;
    }

    public async Task<SecretResource?> GetAsync(string ns, string name, CancellationToken cancellationToken) =>
        await store.GetAsync(ns, name, cancellationToken) is { } row ? ToResource(row) : null;

    /// <summary>Up to <paramref name="limit"/> of the namespace's secrets by name, after <paramref name="afterName"/> when given.</summary>
    public async Task<IReadOnlyList<SecretResource>> ListAsync(string ns, string? afterName, int limit, CancellationToken cancellationToken) =>
        (await store.ListPageAsync(ns, afterName, limit, cancellationToken)).Select(ToResource).ToList();

    /// <summary>The secret's values by key, or null when it does not exist. Throws <see cref="SecretKeyException"/> when they cannot be decrypted.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> ReadValuesAsync(string ns, string name, CancellationToken cancellationToken) =>
        await store.GetAsync(ns, name, cancellationToken) is { } row ? cipher.Open(ns, name, Sealed(row)) : null;

    /// <summary>
    /// Re-encrypts every secret sealed under an older key with the current one; answers how many it re-sealed.
    /// Fails before changing anything when a secret's key is not configured at all.
    /// </summary>
    public async Task<int> ReencryptUnderCurrentKeyAsync(CancellationToken cancellationToken)
    {
        var current = cipher.Keys.Current.Id;
        var stale = await store.ListSealedOtherThanAsync(current, cancellationToken);
        if (stale.FirstOrDefault(row => !cipher.Keys.Holds(row.KeyId)) is { } unknown)
        {
            throw cipher.Keys.Missing(unknown.KeyId);
        }

        var count = 0;
        foreach (var row in stale)
        {
            var values = cipher.Open(row.Namespace, row.Name, Sealed(row));
            var resealed = Seal(row.Namespace, row.Name, values, row.CreatedAt, row.RotatedAt);
            if (await store.ReencryptAsync(resealed, row.KeyId, cancellationToken))
            {
                count++;
            }
        }

        return count;
    }

    private async Task WrittenAsync(string ns, string name, CancellationToken cancellationToken)
    {
        foreach (var sync in _syncs)
        {
            await sync.WrittenAsync(ns, name, cancellationToken);
        }
    }

    private StoredSecret Seal(string ns, string name, IReadOnlyDictionary<string, string> data, DateTimeOffset createdAt, DateTimeOffset? rotatedAt)
    {
        var sealedValues = cipher.Seal(ns, name, data);
        var keys = data.Keys.Order(StringComparer.Ordinal).ToArray();
        return new StoredSecret
        {
            Namespace = ns,
            Name = name,
            Keys = keys,
            KeyId = sealedValues.KeyId,
            Nonce = sealedValues.Nonce,
            Ciphertext = sealedValues.Ciphertext,
            CreatedAt = createdAt,
            RotatedAt = rotatedAt,
        };
    }

    private static SealedValues Sealed(StoredSecret row) => new(row.KeyId, row.Nonce, row.Ciphertext);

    private static SecretResource ToResource(StoredSecret row) => new(row.Namespace, row.Name, row.Keys, row.CreatedAt, row.RotatedAt);
}
