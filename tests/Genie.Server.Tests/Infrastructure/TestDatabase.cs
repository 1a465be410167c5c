using Genie.Server.Store.Embedded;

namespace Genie.Server.Tests.Infrastructure;

/// <summary>A database of the shared test cluster that belongs to one test class and is dropped after it.</summary>
public sealed record TestDatabase(EmbeddedPostgres Cluster, string Name, string ConnectionString) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await Cluster.DropDatabaseAsync(Name, CancellationToken.None);
}
