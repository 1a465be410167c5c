namespace Genie.Server.Secrets;

/// <summary>A task needs a secret (or a key of one) that is gone since its job was applied. Names the secret, never a value.</summary>
public sealed class SecretUnavailableException(string message) : Exception(message);
