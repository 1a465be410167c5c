namespace Genie.Server.Secrets;

/// <summary>A secret's values as AES-256-GCM ciphertext (tag appended), with the nonce and the id of the key that sealed them.</summary>
public sealed record SealedValues(string KeyId, byte[] Nonce, byte[] Ciphertext);
