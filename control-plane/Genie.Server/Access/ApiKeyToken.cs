using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Genie.Server.Access;

/// <summary>
/// The text of an API key: `genie_{prefix}_{secret}`. The 8-character prefix is public and names the key in logs and
/// audits; the secret is 32 random bytes (base64url). Only the SHA-256 of the whole text is stored.
/// </summary>
public sealed record ApiKeyToken
{
    public const string Marker = "genie_";
    private const int PrefixLength = 8;
    private const int SecretLength = 43;
    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    private ApiKeyToken(string text, string prefix)
    {
        Text = text;
        Prefix = prefix;
    }

    /// <summary>The whole key, as the caller sends it.</summary>
    public string Text { get; }

    /// <summary>The public part that identifies the key.</summary>
    public string Prefix { get; }

    public static ApiKeyToken Generate()
    {
        var prefix = RandomNumberGenerator.GetString(PrefixAlphabet, PrefixLength);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new ApiKeyToken($"{Marker}{prefix}_{secret}", prefix);
    }

    /// <summary>Reads a key's text; false for anything that is not shaped like a Genie key.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ApiKeyToken? token)
    {
        token = null;
        if (text is null || text.Length != Marker.Length + PrefixLength + 1 + SecretLength
            || !text.StartsWith(Marker, StringComparison.Ordinal) || text[Marker.Length + PrefixLength] != '_')
        {
            return false;
        }

        var prefix = text.Substring(Marker.Length, PrefixLength);
        var secret = text[(Marker.Length + PrefixLength + 1)..];
        if (!IsPrefix(prefix) || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        token = new ApiKeyToken(text, prefix);
        return true;
    }

    /// <summary>Whether <paramref name="value"/> has the shape of a key's public prefix.</summary>
    public static bool IsPrefix(string value) => value.Length == PrefixLength && value.All(PrefixAlphabet.Contains);

    /// <summary>What the database keeps of the key.</summary>
    public byte[] Hash() => SHA256.HashData(Encoding.ASCII.GetBytes(Text));

    /// <summary>Whether <paramref name="storedHash"/> is this key's hash, in constant time.</summary>
    public bool Matches(byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(), storedHash);

    // A key must never reach a log or an exception message through ToString.
    public override string ToString() => $"{Marker}{Prefix}_…";
}
