using Genie.Client.Contracts;
using Genie.Core.Specs;
using Genie.Server.Store;

namespace Genie.Server.Secrets;

/// <summary>
/// Checks at apply that every secret a job references exists in its namespace with the key it names, reading only
/// names and key names (nothing is decrypted). Errors carry the reference's path.
/// </summary>
public sealed class SecretReferenceCheck(SecretStore store)
{
    public async Task<IReadOnlyList<FieldError>> CheckAsync(string ns, IReadOnlyList<SecretUse> uses, CancellationToken cancellationToken)
    {
        if (uses.Count == 0)
        {
            return [];
        }

        var existing = (await store.ListAsync(ns, cancellationToken)).ToDictionary(s => s.Name, s => s.Keys);
        var errors = new List<FieldError>();
        foreach (var (path, name, key) in uses)
        {
            if (!existing.TryGetValue(name, out var keys))
            {
                errors.Add(new FieldError($"{path}.name",
                    $"secret `{name}` does not exist in namespace {ns}; create it first (POST /api/v1/namespaces/{ns}/secrets)"));
            }
            else if (!keys.Contains(key, StringComparer.Ordinal))
            {
                errors.Add(new FieldError($"{path}.key", $"secret `{name}` has no key `{key}`; it has {string.Join(", ", keys)}"));
            }
        }

        return errors;
    }
}
