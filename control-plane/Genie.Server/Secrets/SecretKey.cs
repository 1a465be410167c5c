using System.Security.Cryptography;

namespace Genie.Server.Secrets;

/// <summary>
/// One AES-256 key and its id. The id is derived from the key (a SHA-256 prefix), so a ciphertext names the key that
/// sealed it without anyone having to keep ids and keys paired by hand, and the id reveals nothing usable of the key.
/// </summary>
public sealed class SecretKey
{
    public const int Length = 32;

    private SecretKey(byte[] bytes)
    {
        Bytes = bytes;
        Id = "k" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }

    public string Id { get; }

    public byte[] Bytes { get; }

    public static SecretKey Generate() => new(RandomNumberGenerator.GetBytes(Length));

    /// <summary>Reads a base64 key; <paramref name="source"/> names where it came from in the error, never the text itself.</summary>
    public static SecretKey FromBase64(string text, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new SecretKeyException($"{source} is not base64; give 32 random bytes in base64 (e.g. `openssl rand -base64 32`).");
        }

        return bytes.Length == Length
            ? new SecretKey(bytes)
            : throw new SecretKeyException($"{source} holds {bytes.Length} bytes; an AES-256 key is {Length} bytes (e.g. `openssl rand -base64 32`).");
    }

    public string ToBase64() => Convert.ToBase64String(Bytes);

    // Keys end up in records and exceptions by accident otherwise.
    public override string ToString() => $"secret key {Id}";
}
