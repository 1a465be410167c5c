using Genie.Client.Contracts;
using Refit;

namespace Genie.Client.Resources;

/// <summary>A namespace's secrets under `/api/v1/namespaces/{ns}/secrets`; values go in and never come back.</summary>
public interface ISecretsApi
{
    [Post("/api/v1/namespaces/{ns}/secrets")]
    Task<SecretResource> CreateAsync(string ns, [Body] CreateSecretRequest request, CancellationToken cancellationToken = default);

    /// <summary>Replaces all of the secret's values.</summary>
    [Put("/api/v1/namespaces/{ns}/secrets/{name}")]
    Task<SecretResource> RotateAsync(string ns, string name, [Body] RotateSecretRequest request, CancellationToken cancellationToken = default);

    [Get("/api/v1/namespaces/{ns}/secrets")]
    Task<Page<SecretResource>> ListAsync(string ns, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default);

    [Get("/api/v1/namespaces/{ns}/secrets/{name}")]
    Task<SecretResource> GetAsync(string ns, string name, CancellationToken cancellationToken = default);

    [Delete("/api/v1/namespaces/{ns}/secrets/{name}")]
    Task DeleteAsync(string ns, string name, CancellationToken cancellationToken = default);
}
