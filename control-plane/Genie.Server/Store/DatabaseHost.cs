using Genie.Server.Store.Embedded;
using Microsoft.Extensions.Options;

namespace Genie.Server.Store;

/// <summary>
/// Makes the database reachable and migrated before anything else starts: the configured server, or the
/// embedded cluster. Registered as the first hosted service; everything that uses the database comes after.
/// </summary>
public sealed class DatabaseHost(
    IOptions<DatabaseOptions> options,
    IOptions<GenieOptions> genie,
    DatabaseEndpoint endpoint,
    IServiceProvider services,
    ILogger<DatabaseHost> logger) : IHostedService
{
    private EmbeddedPostgres? _embedded;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            endpoint.Publish(settings.ConnectionString);
        }
        else
        {
            var binaries = PostgresBinaries.Locate(settings.PostgresBinDir);
            _embedded = await EmbeddedPostgres.StartAsync(genie.Value.DataDir, binaries, logger, cancellationToken);
            endpoint.Publish(await _embedded.EnsureDatabaseAsync(settings.DatabaseName, cancellationToken));
        }

        // The data source reads the endpoint when first resolved, so it is resolved only now.
        await services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_embedded is not null)
        {
            // Stopping must finish even when the host's shutdown token has fired, or the cluster outlives Genie.
            await _embedded.StopAsync(CancellationToken.None);
        }
    }
}
