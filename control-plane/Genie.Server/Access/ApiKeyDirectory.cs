using Genie.Server.Store;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Genie.Server.Access;

/// <summary>
/// Finds the stored key behind a presented one. Answers (found or not) are kept for <see cref="AccessOptions.KeyCacheTime"/>
/// so a busy caller does not cost a query per request, and a flood of made-up keys costs one query per prefix at most.
/// </summary>
public sealed class ApiKeyDirectory(ApiKeyStore store, TimeProvider time, IOptions<AccessOptions> options) : IDisposable
{
    private const string CachePrefix = "api-key:";

    // Its own bounded cache: a size limit on a shared one would oblige every other user of it to size its entries.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>The stored key when <paramref name="token"/> is one that may be used now, else null.</summary>
    public async Task<StoredApiKey?> FindUsableAsync(ApiKeyToken token, CancellationToken cancellationToken)
    {
        var cacheKey = CachePrefix + token.Prefix;
        if (!cache.TryGetValue(cacheKey, out StoredApiKey? stored))
        {
            stored = await store.FindAsync(token.Prefix, cancellationToken);
            using var entry = cache.CreateEntry(cacheKey);
            entry.Value = stored;
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = options.Value.KeyCacheTime;
        }

        return stored is not null && token.Matches(stored.SecretHash) && stored.IsUsableAt(time.GetUtcNow()) ? stored : null;
    }

    /// <summary>Drops what this replica remembers of a key, so its revocation takes effect here at once.</summary>
    public void Forget(string prefix) => cache.Remove(CachePrefix + prefix);

    public void Dispose() => cache.Dispose();
}
