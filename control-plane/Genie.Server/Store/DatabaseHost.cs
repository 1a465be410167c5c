using Genie.Server.Store.Embedded;
using Microsoft.Extensions.Options;
using Npgsql;

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
    ILogger<DatabaseHost> logger) : IHostedService, IAsyncDisposable
{
    private EmbeddedPostgres? _embedded;
    private EmbeddedClusterLock? _lock;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            await StartConfiguredAsync(settings.ConnectionString, cancellationToken);
        }
        else
        {
            await StartEmbeddedAsync(settings, cancellationToken);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stopping must finish even when the host's shutdown token has fired, or the cluster outlives Genie.
        await StopEmbeddedAsync();
    }

    /// <summary>
    /// When a service after this one fails to start (Kestrel finding its port taken, say), the host never
    /// calls <see cref="StopAsync"/>; it does dispose its services, so the cluster stops here instead.
    /// </summary>
    public async ValueTask DisposeAsync() => await StopEmbeddedAsync();

    private async Task StartConfiguredAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new DatabaseUnreachableException(
                $"Genie:Database:ConnectionString is not a PostgreSQL connection string ({e.Message}); " +
                "write it as `Host=...;Port=5432;Database=...;Username=...;Password=...`, or leave it empty to use the embedded cluster.", e);
        }

        endpoint.Publish(connectionString);
        await MigrateAsync(
            e => $"The database in Genie:Database:ConnectionString does not answer ({Reason(e)}): check that PostgreSQL runs " +
                 "there and that the connection string is right, or leave it empty to use the embedded cluster.",
            cancellationToken);
    }

    private async Task StartEmbeddedAsync(DatabaseOptions settings, CancellationToken cancellationToken)
    {
        var binaries = PostgresBinaries.Locate(settings.PostgresBinDir);
        _lock = EmbeddedClusterLock.Acquire(genie.Value.DataDir);
        var embedded = await EmbeddedPostgres.StartAsync(genie.Value.DataDir, binaries, logger, cancellationToken);
        _embedded = embedded;
        string Unusable(Exception e) =>
            $"The embedded PostgreSQL in {embedded.ClusterDir} does not accept Genie's connections ({Reason(e)}); " +
            $"its log {embedded.Location.LogFile} may say why.";
        try
        {
            endpoint.Publish(await embedded.EnsureDatabaseAsync(settings.DatabaseName, cancellationToken));
        }
        catch (NpgsqlException e)
        {
            throw new DatabaseUnreachableException(Unusable(e), e);
        }

        await MigrateAsync(Unusable, cancellationToken);
    }

    /// <summary>Applies the migrations; a database that does not answer is described by <paramref name="describe"/>.</summary>
    private async Task MigrateAsync(Func<Exception, string> describe, CancellationToken cancellationToken)
    {
        try
        {
            // The data source reads the endpoint when first resolved, so it is resolved only now.
            await services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        }
        catch (NpgsqlException e) when (e is not PostgresException refusal || IsConnectionRefusal(refusal))
        {
            throw new DatabaseUnreachableException(describe(e), e);
        }
    }

    private async Task StopEmbeddedAsync()
    {
        if (Interlocked.Exchange(ref _embedded, null) is { } embedded)
        {
            await embedded.StopAsync(CancellationToken.None);
        }

        // Only once the cluster is down may another Genie take the data dir.
        Interlocked.Exchange(ref _lock, null)?.Dispose();
    }

    /// <summary>Errors PostgreSQL answers a connection attempt with (bad password, no such database or role), as opposed to a failing migration.</summary>
    private static bool IsConnectionRefusal(PostgresException e) =>
        e.SqlState.StartsWith("28", StringComparison.Ordinal) // invalid authorization
        || e.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
        || e.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;

    /// <summary>The innermost reasons of a connection failure on one line ("Failed to connect to ...: Connection refused").</summary>
    private static string Reason(Exception e)
    {
        var reasons = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (!reasons.Contains(current.Message))
            {
                reasons.Add(current.Message);
            }
        }

        return string.Join(": ", reasons);
    }
}
