using Genie.Client.Contracts;
using Genie.Core.Access;
using Genie.Server.Store;

namespace Genie.Server.Access;

/// <summary>Creates, lists and revokes API keys; a new key's text leaves Genie once, in the answer to its creation.</summary>
public sealed class ApiKeys(ApiKeyStore store, ApiKeyDirectory directory, TimeProvider time)
{
    public async Task<CreatedApiKey> CreateAsync(
        string name, IReadOnlyList<Grant> grants, DateTimeOffset? expiresAt, string actor, CancellationToken cancellationToken)
    {
        while (true)
        {
            var token = ApiKeyToken.Generate();
            var stored = Stored(token, name, grants, expiresAt, actor);
            // Two keys with one prefix are as likely as guessing a prefix; a clash just draws again.
            if (await store.CreateAsync(stored, cancellationToken))
            {
                return new CreatedApiKey(token.Text, Resource(stored));
            }
        }
    }

    public StoredApiKey Stored(ApiKeyToken token, string name, IEnumerable<Grant> grants, DateTimeOffset? expiresAt, string actor) =>
        new()
        {
            Prefix = token.Prefix,
            Name = name,
            SecretHash = token.Hash(),
            Grants = grants.Select(g => g.ToString()).ToArray(),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor,
            ExpiresAt = expiresAt,
        };

    public async Task<ApiKeyResource?> GetAsync(string prefix, CancellationToken cancellationToken) =>
        await store.FindAsync(prefix, cancellationToken) is { } key ? Resource(key) : null;

    public async Task<IReadOnlyList<ApiKeyResource>> ListAsync(
        int limit, (DateTimeOffset CreatedAt, string Prefix)? after, CancellationToken cancellationToken) =>
        (await store.ListAsync(limit, after, cancellationToken)).Select(Resource).ToList();

    /// <summary>Revokes a key; it stops working at once on this replica and within the key cache time on the others.</summary>
    public async Task<bool> RevokeAsync(string prefix, string actor, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeAsync(prefix, actor, time.GetUtcNow(), cancellationToken);
        directory.Forget(prefix);
        return revoked;
    }

    private static ApiKeyResource Resource(StoredApiKey key) =>
        new(key.Prefix, key.Name, key.Grants, key.CreatedAt, key.CreatedBy, key.ExpiresAt, key.RevokedAt, key.RevokedBy);
}
