using System.Security.Cryptography;
using System.Text;
using Genie.Core.Airflow;
using Genie.Server.Store;
using k8s.Models;

namespace Genie.Server.Secrets.Kubernetes;

/// <summary>
/// The Kubernetes Secret a Genie secret becomes: named by <see cref="KubernetesSecretNames"/>, labelled as Genie's
/// (the only Secrets Genie ever changes or deletes), annotated with the Genie secret it copies and a hash of the
/// committed ciphertext, never of the values, which may be short enough to guess from their hash.
/// </summary>
public static class KubernetesSecretManifest
{
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByGenie = "genie";
    public const string NamespaceLabel = "genie.io/namespace";
    public const string NamespaceAnnotation = "genie.io/namespace";
    public const string NameAnnotation = "genie.io/secret";
    public const string SealedHashAnnotation = "genie.io/sealed-sha256";

    /// <summary>The selector of every Secret Genie manages.</summary>
    public const string Selector = ManagedByLabel + "=" + ManagedByGenie;

    /// <summary>The Secret for <paramref name="secret"/> holding <paramref name="values"/>, in Kubernetes namespace <paramref name="podNamespace"/>.</summary>
    public static V1Secret For(StoredSecret secret, IReadOnlyDictionary<string, string> values, string podNamespace) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = "Opaque",
        Metadata = new V1ObjectMeta
        {
            Name = KubernetesSecretNames.For(secret.Namespace, secret.Name),
            NamespaceProperty = podNamespace,
            // A Genie namespace is a DNS-1123 label, which is always a valid label value.
            Labels = new Dictionary<string, string> { [ManagedByLabel] = ManagedByGenie, [NamespaceLabel] = secret.Namespace },
            Annotations = new Dictionary<string, string>
            {
                [NamespaceAnnotation] = secret.Namespace,
                [NameAnnotation] = secret.Name,
                [SealedHashAnnotation] = SealedHash(secret),
            },
        },
        Data = values.ToDictionary(v => v.Key, v => Encoding.UTF8.GetBytes(v.Value), StringComparer.Ordinal),
    };

    /// <summary>Whether Genie made <paramref name="secret"/> and may therefore change or delete it.</summary>
    public static bool IsGenies(V1Secret secret) =>
        secret.Metadata?.Labels is { } labels && labels.TryGetValue(ManagedByLabel, out var by) && by == ManagedByGenie;

    /// <summary>Whether <paramref name="existing"/> already is <paramref name="desired"/>: its labels, annotations and every byte of data.</summary>
    public static bool Matches(V1Secret existing, V1Secret desired) =>
        existing.Type == desired.Type
        && Contains(existing.Metadata?.Labels, desired.Metadata.Labels)
        && Contains(existing.Metadata?.Annotations, desired.Metadata.Annotations)
        && existing.Data is { } data
        && data.Count == desired.Data.Count
        && desired.Data.All(d => data.TryGetValue(d.Key, out var bytes) && bytes.AsSpan().SequenceEqual(d.Value));

    // Others (kubectl, admission controllers) may add labels and annotations of their own; those are left alone.
    private static bool Contains(IDictionary<string, string>? actual, IDictionary<string, string> wanted) =>
        actual is not null && wanted.All(w => actual.TryGetValue(w.Key, out var value) && value == w.Value);

    private static string SealedHash(StoredSecret secret)
    {
        var text = Encoding.UTF8.GetBytes(secret.KeyId);
        return Convert.ToHexStringLower(SHA256.HashData([.. text, .. secret.Nonce, .. secret.Ciphertext]));
    }
}
