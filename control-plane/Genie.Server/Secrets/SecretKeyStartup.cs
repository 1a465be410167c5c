namespace Genie.Server.Secrets;

/// <summary>
/// The key rotation pass at start: builds the key ring (a malformed key stops Genie here, not at the first secret
/// read), refuses to start while a secret is sealed under a key it does not hold, and re-encrypts under the current
/// key every secret an earlier key sealed. Replicas may run it together: each row is re-sealed once.
/// </summary>
public sealed class SecretKeyStartup(SecretVault vault, ILogger<SecretKeyStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var resealed = await vault.ReencryptUnderCurrentKeyAsync(cancellationToken);
        if (resealed > 0)
        {
            logger.LogInformation("Re-encrypted {Count} secrets under the current key", resealed);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
