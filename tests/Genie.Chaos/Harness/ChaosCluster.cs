using Genie.Server.Store.Embedded;
using Genie.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Genie.Chaos.Harness;

/// <summary>
/// A scenario's own PostgreSQL cluster (Genie's embedded launcher, in a scratch dir), so a scenario may stop it,
/// terminate its sessions or fill its connections without touching any other test's database.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    private const string Database = "genie";
    private readonly EmbeddedPostgres _postgres;
    private readonly string _root;

    private ChaosCluster(EmbeddedPostgres postgres, string root, string connectionString)
    {
        _postgres = postgres;
        _root = root;
        ConnectionString = connectionString;
        PgCtl = new OperatorPgCtl(root);
    }

    /// <summary>Genie's database, as the cluster's superuser (the checks read and the faults act with it too).</summary>
    public string ConnectionString { get; }

    /// <summary>Stops and starts the cluster on its port, as an operator would.</summary>
    public OperatorPgCtl PgCtl { get; }

    public int Port => _postgres.Port;

    public static async Task<ChaosCluster> StartAsync(CancellationToken cancellationToken)
    {
        var root = TestPostgres.NewScratchDir();
        var postgres = await EmbeddedPostgres.StartAsync(root, PostgresBinaries.Locate(null), NullLogger.Instance, cancellationToken);
        return new ChaosCluster(postgres, root, await postgres.EnsureDatabaseAsync(Database, cancellationToken));
    }

    /// <summary>Genie's connection string with extra Npgsql settings, e.g. `Maximum Pool Size`.</summary>
    public string ConnectionStringWith(Action<NpgsqlConnectionStringBuilder> change)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        change(builder);
        return builder.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await TestPostgres.DeleteScratchDirAsync(_root);
    }
}
