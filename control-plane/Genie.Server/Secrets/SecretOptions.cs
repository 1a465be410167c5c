namespace Genie.Server.Secrets;

/// <summary>Where the key that encrypts secrets comes from (section `Genie:Secrets`).</summary>
public sealed class SecretOptions
{
    public const string Section = "Genie:Secrets";

    /// <summary>The current key, base64 of 32 bytes. Empty: a key file in the data dir, generated on first start.</summary>
    public string? Key { get; set; }

    /// <summary>Earlier keys (base64), kept so secrets they sealed can still be opened and re-encrypted under <see cref="Key"/>.</summary>
    public List<string> PreviousKeys { get; set; } = [];
}
