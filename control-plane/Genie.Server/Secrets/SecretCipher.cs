using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Genie.Server.Secrets;

/// <summary>
/// Seals a secret's key/value map with AES-256-GCM. The secret's namespace and name are the associated data, so a
/// ciphertext copied onto another secret's row does not open there; a wrong key or a changed byte fails the tag
/// check and raises an error, never a garbled value.
/// </summary>
public sealed class SecretCipher(SecretKeyRing keys)
{
    private const int NonceLength = 12;
    private const int TagLength = 16;

    public SecretKeyRing Keys => keys;

    public SealedValues Seal(string ns, string name, IReadOnlyDictionary<string, string> data)
    {
        var key = keys.Current;
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(data);
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var sealedBytes = new byte[plaintext.Length + TagLength];
        using (var aes = new AesGcm(key.Bytes, TagLength))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(0, plaintext.Length), sealedBytes.AsSpan(plaintext.Length), AssociatedData(ns, name));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        return new SealedValues(key.Id, nonce, sealedBytes);
    }

    public Dictionary<string, string> Open(string ns, string name, SealedValues sealedValues)
    {
        var key = keys.Get(sealedValues.KeyId);
        var ciphertext = sealedValues.Ciphertext;
        if (ciphertext.Length < TagLength || sealedValues.Nonce.Length != NonceLength)
        {
            throw Unreadable(ns, name, key.Id, "its stored ciphertext is truncated");
        }

        var plaintext = new byte[ciphertext.Length - TagLength];
        try
        {
            using var aes = new AesGcm(key.Bytes, TagLength);
            aes.Decrypt(sealedValues.Nonce, ciphertext.AsSpan(0, plaintext.Length), ciphertext.AsSpan(plaintext.Length), plaintext, AssociatedData(ns, name));
            return JsonSerializer.Deserialize<Dictionary<string, string>>(plaintext)
                   ?? throw Unreadable(ns, name, key.Id, "it holds no values");
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Unreadable(ns, name, key.Id,
                "the key with that id does not open it (the key's bytes differ from those that sealed it, or the row was altered)");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] AssociatedData(string ns, string name) => Encoding.UTF8.GetBytes($"genie-secret/{ns}/{name}");

    private static SecretKeyException Unreadable(string ns, string name, string keyId, string why) =>
        new($"Secret {ns}/{name} (sealed under key {keyId}) cannot be decrypted: {why}.");
}
