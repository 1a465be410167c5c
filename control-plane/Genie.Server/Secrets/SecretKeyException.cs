namespace Genie.Server.Secrets;

/// <summary>
/// A key problem Genie can explain: a malformed key, or a secret sealed under a key it does not hold. The message says
/// what to do and never carries key material or secret values.
/// </summary>
public sealed class SecretKeyException(string message) : Exception(message);
