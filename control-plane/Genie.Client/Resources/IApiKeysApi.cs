using Genie.Client.Contracts;
using Refit;

namespace Genie.Client.Resources;

/// <summary>API keys under `/api/v1/keys` (cluster admins): create, list, read, revoke.</summary>
public interface IApiKeysApi
{
    /// <summary>Creates a key; the answer carries the key's text, which no later call shows again.</summary>
    [Post("/api/v1/keys")]
    Task<CreatedApiKey> CreateAsync([Body] CreateApiKeyRequest request, CancellationToken cancellationToken = default);

    [Get("/api/v1/keys")]
    Task<Page<ApiKeyResource>> ListAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/keys/{prefix}")]
    Task<ApiKeyResource> GetAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Revokes a key; it stays listed, with who revoked it and when.</summary>
    [Delete("/api/v1/keys/{prefix}")]
    Task RevokeAsync(string prefix, CancellationToken cancellationToken = default);
}
