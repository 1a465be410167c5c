using Genie.Core.Specs;

namespace Genie.Server.Secrets;

/// <summary>The environment variables a task's secret references give it, read and decrypted just before it starts.</summary>
public sealed class SecretEnvironment(SecretVault vault)
{
    /// <summary>
    /// Each reference's value under its variable name. Throws <see cref="SecretUnavailableException"/> when a secret or
    /// key is gone, <see cref="SecretKeyException"/> when it cannot be decrypted.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ForAsync(string ns, IReadOnlyList<SecretRef> secrets, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in secrets.GroupBy(s => s.Name))
        {
            var values = await vault.ReadValuesAsync(ns, group.Key, cancellationToken)
                         ?? throw new SecretUnavailableException($"secret {ns}/{group.Key} does not exist");
            foreach (var secret in group)
            {
                result[secret.Env] = values.TryGetValue(secret.Key, out var value)
                    ? value
                    : throw new SecretUnavailableException($"secret {ns}/{group.Key} has no key `{secret.Key}`");
            }
        }

        return result;
    }
}
