namespace Genie.Server.Secrets;

/// <summary>The key that seals new values, and every key that may still open old ones, by id.</summary>
public sealed class SecretKeyRing
{
    private readonly Dictionary<string, SecretKey> _byId;

    public SecretKeyRing(SecretKey current, IEnumerable<SecretKey> previous)
    {
        Current = current;
        _byId = previous.Prepend(current).DistinctBy(k => k.Id).ToDictionary(k => k.Id);
    }

    public SecretKey Current { get; }

    public bool Holds(string keyId) => _byId.ContainsKey(keyId);

    public SecretKey Get(string keyId) => _byId.TryGetValue(keyId, out var key) ? key : throw Missing(keyId);

    /// <summary>The error for a ciphertext sealed under a key this ring does not hold.</summary>
    public SecretKeyException Missing(string keyId) =>
        new(
                $"A secret is encrypted under key {keyId}, which is neither {SecretOptions.Section}:Key nor one of " +
                $"{SecretOptions.Section}:PreviousKeys (the current key is {Current.Id}). Configure the key that sealed it.");

    /// <summary>The configured key, else the data dir's key file; configured previous keys join it.</summary>
    public static SecretKeyRing Load(SecretOptions options, string dataDir)
    {
        var current = string.IsNullOrWhiteSpace(options.Key)
            ? SecretKeyFile.ReadOrCreate(dataDir)
            : SecretKey.FromBase64(options.Key, $"{SecretOptions.Section}:Key");
        var previous = options.PreviousKeys.Select((text, i) => SecretKey.FromBase64(text, $"{SecretOptions.Section}:PreviousKeys:{i}"));
        return new SecretKeyRing(current, previous.ToList());
    }
}
