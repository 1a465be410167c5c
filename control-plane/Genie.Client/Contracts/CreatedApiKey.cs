namespace Genie.Client.Contracts;

/// <summary>The answer to creating a key: the key itself, shown this once and never again, and the key as stored.</summary>
public sealed record CreatedApiKey(string Key, ApiKeyResource ApiKey);
