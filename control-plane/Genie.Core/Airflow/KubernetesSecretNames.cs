using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Genie.Core.Specs;

namespace Genie.Core.Airflow;

/// <summary>
/// The Kubernetes Secret that carries a Genie secret into pods: one Kubernetes namespace holds the pods of every
/// Genie namespace, so the name joins both. It is <c>genie-NAMESPACE.NAME</c>: namespaces are DNS-1123 labels
/// (no dots) and names DNS-1123 subdomains, so the first dot splits the name back into its parts and no two
/// secrets share one, where a dash would let <c>a</c>/<c>b-c</c> and <c>a-b</c>/<c>c</c> meet. A pair that would
/// not make a valid name that way (too long, odd characters) gets a readable prefix and a hash of the exact pair
/// instead; that form has no dot, so it never equals a name of the first form.
/// </summary>
public static class KubernetesSecretNames
{
    private const string Prefix = "genie-";
    private const int HashLength = 12;

    /// <summary>The Kubernetes Secret name of secret <paramref name="name"/> in Genie namespace <paramref name="ns"/>.</summary>
    public static string For(string ns, string name)
    {
        var plain = Prefix + ns + "." + name;
        if (SpecNames.IsDns1123Label(ns) && SpecNames.IsDns1123Subdomain(name) && plain.Length <= SpecNames.MaxSubdomainLength)
        {
            return plain;
        }

        var readable = Readable(ns + "-" + name, SpecNames.MaxSubdomainLength - Prefix.Length - 1 - HashLength);
        return Prefix + (readable.Length > 0 ? readable + "-" : "") + Hash(ns, name);
    }

    // Only a-z, 0-9 and single dashes, neither end a dash: the part of the pair a person can still recognise.
    private static string Readable(string text, int maxLength)
    {
        var result = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var c in text.ToLowerInvariant())
        {
            if (result.Length == maxLength)
            {
                break;
            }

            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                result.Append(c);
            }
            else if (result.Length > 0 && result[^1] != '-')
            {
                result.Append('-');
            }
        }

        return result.ToString().TrimEnd('-');
    }

    // The namespace's length goes first, so no two pairs hash the same text however their characters fall.
    private static string Hash(string ns, string name)
    {
        var text = ns.Length.ToString(CultureInfo.InvariantCulture) + ":" + ns + name;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..HashLength];
    }
}
