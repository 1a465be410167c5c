using Genie.Core.Access;
using Genie.Server.Store;
using Microsoft.Extensions.Options;

namespace Genie.Server.Access;

/// <summary>
/// Makes sure someone can administer a new Genie. With `Genie:Auth:BootstrapKey` set, that key exists as a cluster
/// admin (created at start if missing, so a lost admin key is recovered by configuring a new one). Without it, the
/// first start on an empty database generates a key and prints it once on stdout.
/// </summary>
public sealed class BootstrapKey(
    ApiKeys keys, ApiKeyStore store, IOptions<AccessOptions> options, ILogger<BootstrapKey> logger) : IHostedService
{
    private const string CreatedBy = "genie";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.BootstrapKey is { Length: > 0 } configured)
        {
            if (!ApiKeyToken.TryParse(configured, out var token))
            {
                throw new AccessConfigurationException(
                    "Genie:Auth:BootstrapKey is not a Genie API key: it must look like genie_{8 of a-z0-9}_{43 of A-Z a-z 0-9 - _}.");
            }

            if (await store.CreateAsync(keys.Stored(token, "bootstrap (configured)", [Grant.ClusterAdmin], null, CreatedBy), cancellationToken))
            {
                logger.LogInformation("Created the configured bootstrap API key {Prefix}", token.Prefix);
            }

            return;
        }

        var generated = ApiKeyToken.Generate();
        var stored = keys.Stored(generated, "bootstrap", [Grant.ClusterAdmin], null, CreatedBy);
        // Printed before the insert commits: if the commit then fails, the next start prints a new key; printed after,
        // a crash in between would leave an admin key nobody ever saw.
        if (await store.CreateIfNoneAsync(stored, () => Console.WriteLine(
                $"Genie bootstrap admin key (shown once; keep it, or set Genie:Auth:BootstrapKey): {generated.Text}"), cancellationToken))
        {
            logger.LogWarning("Created the bootstrap admin API key {Prefix}; its text was printed once on stdout", generated.Prefix);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
