namespace Genie.Server.Store;

/// <summary>The connection string Genie uses, known once <see cref="DatabaseHost"/> has started.</summary>
public sealed class DatabaseEndpoint
{
    private string? _connectionString;

    public string ConnectionString =>
        _connectionString ?? throw new InvalidOperationException("The database is not started yet; DatabaseHost must start first.");

    internal void Publish(string connectionString) => _connectionString = connectionString;
}
